using System.Text.Json.Serialization;

namespace DiscussionBot.LocalConsole;

[JsonSerializable(typeof(string))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
