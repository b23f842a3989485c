using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiscussionBot.Discord.Models;

/// <summary>A Discord id: a 64-bit integer that travels as a JSON string.</summary>
[JsonConverter(typeof(SnowflakeJsonConverter))]
public readonly record struct Snowflake(ulong Value)
{
    private const long DiscordEpochMilliseconds = 1420070400000;

    /// <summary>When the id was created, from its timestamp bits.</summary>
    public DateTimeOffset CreatedAt =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(Value >> 22) + DiscordEpochMilliseconds);

    /// <summary>Parses the decimal string form.</summary>
    public static Snowflake Parse(string value) => new(ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Parses the decimal string form, returning false on anything else.</summary>
    public static bool TryParse(string? value, out Snowflake snowflake)
    {
        bool ok = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed);
        snowflake = new Snowflake(parsed);
        return ok;
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads a snowflake from a string (or, leniently, a number) and always writes a string.</summary>
public sealed class SnowflakeJsonConverter : JsonConverter<Snowflake>
{
    /// <inheritdoc />
    public override Snowflake Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return new Snowflake(reader.GetUInt64());
        }

        string? text = reader.GetString();
        return Snowflake.TryParse(text, out Snowflake id)
            ? id
            : throw new JsonException($"'{text}' is not a snowflake.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Snowflake value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
