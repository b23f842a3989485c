using System.Globalization;
using DiscussionBot.Core.Pins;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>Pins in SQLite. Snowflakes fit SQLite's signed 64-bit integers until the year 2084.</summary>
public sealed class SqlitePinLedger(SqliteConnectionFactory connections) : IPinLedger
{
    public Task RecordAsync(PinRecord pin, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long pinId;
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO pins (guild_id, channel_id, message_id, moderator_id, moderator_name, scope, length, pinned_at)
                VALUES ($guild, $channel, $message, $moderator, $name, $scope, $length, $at)
                ON CONFLICT (message_id) DO UPDATE SET pinned_at = excluded.pinned_at, moderator_id = excluded.moderator_id,
                    moderator_name = excluded.moderator_name
                RETURNING id
                """;
            command.Parameters.AddWithValue("$guild", (long)pin.GuildId);
            command.Parameters.AddWithValue("$channel", (long)pin.ChannelId);
            command.Parameters.AddWithValue("$message", (long)pin.MessageId);
            command.Parameters.AddWithValue("$moderator", (long)pin.ModeratorId);
            command.Parameters.AddWithValue("$name", pin.ModeratorName);
            command.Parameters.AddWithValue("$scope", pin.Scope);
            command.Parameters.AddWithValue("$length", pin.Length);
            command.Parameters.AddWithValue("$at", pin.PinnedAt.ToString("O", CultureInfo.InvariantCulture));
            pinId = (long)command.ExecuteScalar()!;
        }

        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO pin_sources (pin_id, document_id, title, content_hash) VALUES ($pin, $doc, $title, $hash)
                """;
            SqliteParameter doc = command.Parameters.Add("$doc", SqliteType.Integer);
            SqliteParameter title = command.Parameters.Add("$title", SqliteType.Text);
            SqliteParameter hash = command.Parameters.Add("$hash", SqliteType.Text);
            command.Parameters.AddWithValue("$pin", pinId);
            foreach (PinnedSource source in pin.Sources)
            {
                doc.Value = source.DocumentId;
                title.Value = source.Title;
                hash.Value = source.ContentHash;
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PinRecord>> ListAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        var pins = new List<(long Id, PinRecord Pin)>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = """
                SELECT id, guild_id, channel_id, message_id, moderator_id, moderator_name, scope, length, pinned_at
                FROM pins WHERE guild_id = $guild ORDER BY pinned_at DESC, id DESC LIMIT $limit
                """;
            command.Parameters.AddWithValue("$guild", (long)guildId);
            command.Parameters.AddWithValue("$limit", limit);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                pins.Add((reader.GetInt64(0), new PinRecord(
                    GuildId: (ulong)reader.GetInt64(1),
                    ChannelId: (ulong)reader.GetInt64(2),
                    MessageId: (ulong)reader.GetInt64(3),
                    ModeratorId: (ulong)reader.GetInt64(4),
                    ModeratorName: reader.GetString(5),
                    Scope: reader.GetString(6),
                    Length: reader.GetString(7),
                    Sources: [],
                    PinnedAt: DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))));
            }
        }

        var result = new List<PinRecord>(pins.Count);
        foreach ((long id, PinRecord pin) in pins)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = "SELECT document_id, title, content_hash FROM pin_sources WHERE pin_id = $pin ORDER BY document_id";
            command.Parameters.AddWithValue("$pin", id);
            var sources = new List<PinnedSource>();
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                sources.Add(new PinnedSource(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            result.Add(pin with { Sources = sources });
        }

        return Task.FromResult<IReadOnlyList<PinRecord>>(result);
    }
}
