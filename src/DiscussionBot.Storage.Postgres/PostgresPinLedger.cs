using DiscussionBot.Core.Pins;
using Npgsql;

namespace DiscussionBot.Storage.Postgres;

/// <summary>Pins in PostgreSQL, shared by every replica. Snowflakes fit signed 64-bit integers until the year 2084.</summary>
public sealed class PostgresPinLedger(PostgresConnections connections) : IPinLedger
{
    public async Task RecordAsync(PinRecord pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        long pinId;
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO pins (guild_id, channel_id, message_id, moderator_id, moderator_name, scope, length, pinned_at)
            VALUES (@guild, @channel, @message, @moderator, @name, @scope, @length, @at)
            ON CONFLICT (message_id) DO UPDATE SET pinned_at = excluded.pinned_at, moderator_id = excluded.moderator_id,
                moderator_name = excluded.moderator_name
            RETURNING id
            """,
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("guild", (long)pin.GuildId);
            command.Parameters.AddWithValue("channel", (long)pin.ChannelId);
            command.Parameters.AddWithValue("message", (long)pin.MessageId);
            command.Parameters.AddWithValue("moderator", (long)pin.ModeratorId);
            command.Parameters.AddWithValue("name", pin.ModeratorName);
            command.Parameters.AddWithValue("scope", pin.Scope);
            command.Parameters.AddWithValue("length", pin.Length);
            command.Parameters.AddWithValue("at", pin.PinnedAt.ToUniversalTime());
            pinId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (PinnedSource source in pin.Sources)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO pin_sources (pin_id, document_id, title, content_hash) VALUES (@pin, @doc, @title, @hash)
                ON CONFLICT (pin_id, document_id) DO UPDATE SET title = excluded.title, content_hash = excluded.content_hash
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("pin", pinId);
            command.Parameters.AddWithValue("doc", source.DocumentId);
            command.Parameters.AddWithValue("title", source.Title);
            command.Parameters.AddWithValue("hash", source.ContentHash);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PinRecord>> ListAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT p.id, p.guild_id, p.channel_id, p.message_id, p.moderator_id, p.moderator_name, p.scope, p.length, p.pinned_at,
                   coalesce(array_agg(s.document_id ORDER BY s.document_id) FILTER (WHERE s.pin_id IS NOT NULL), '{}'),
                   coalesce(array_agg(s.title ORDER BY s.document_id) FILTER (WHERE s.pin_id IS NOT NULL), '{}'),
                   coalesce(array_agg(s.content_hash ORDER BY s.document_id) FILTER (WHERE s.pin_id IS NOT NULL), '{}')
            FROM (SELECT * FROM pins WHERE guild_id = @guild ORDER BY pinned_at DESC, id DESC LIMIT @limit) p
            LEFT JOIN pin_sources s ON s.pin_id = p.id
            GROUP BY p.id, p.guild_id, p.channel_id, p.message_id, p.moderator_id, p.moderator_name, p.scope, p.length, p.pinned_at
            ORDER BY p.pinned_at DESC, p.id DESC
            """,
            connection);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("limit", limit);
        var pins = new List<PinRecord>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long[] documents = reader.GetFieldValue<long[]>(9);
            string[] titles = reader.GetFieldValue<string[]>(10);
            string[] hashes = reader.GetFieldValue<string[]>(11);
            pins.Add(new PinRecord(
                GuildId: (ulong)reader.GetInt64(1),
                ChannelId: (ulong)reader.GetInt64(2),
                MessageId: (ulong)reader.GetInt64(3),
                ModeratorId: (ulong)reader.GetInt64(4),
                ModeratorName: reader.GetString(5),
                Scope: reader.GetString(6),
                Length: reader.GetString(7),
                Sources: [.. documents.Select((id, i) => new PinnedSource(id, titles[i], hashes[i]))],
                PinnedAt: reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return pins;
    }
}
