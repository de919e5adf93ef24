using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Testing;

/// <summary>
/// An activity as a channel posts it to /api/messages: by default a message in Emulator mode, in a
/// conversation of its own, with <c>deliveryMode: expectReplies</c> (the replies come back in the
/// response) and a serviceUrl nothing listens on. Change what a test is about with <c>with</c>.
/// </summary>
public sealed record TestActivity
{
    /// <summary>The activity type ("message", "invoke", "conversationUpdate", …).</summary>
    public string Type { get; init; } = "message";

    /// <summary>The activity id a channel gives every activity (a redelivery repeats it).</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The channel ("emulator", "msteams", "directline", …).</summary>
    public string ChannelId { get; init; } = "emulator";

    /// <summary>Where the bot would POST its replies; port 9 (discard) on loopback by default.</summary>
    public string ServiceUrl { get; init; } = "http://127.0.0.1:9/";

    /// <summary>"expectReplies" by default; null for the normal mode, where replies are POSTed to <see cref="ServiceUrl"/>.</summary>
    public string? DeliveryMode { get; init; } = "expectReplies";

    /// <summary>The user.</summary>
    public Account From { get; init; } = new("user1");

    /// <summary>The bot.</summary>
    public Account Recipient { get; init; } = new("bot");

    /// <summary>The conversation id: a new conversation by default.</summary>
    public string ConversationId { get; init; } = "conversation-" + Guid.NewGuid();

    /// <summary>What the user typed.</summary>
    public string? Text { get; init; }

    /// <summary>The name of an invoke or event activity.</summary>
    public string? Name { get; init; }

    /// <summary>The activity this one answers (a card's button, a feedback invoke).</summary>
    public string? ReplyToId { get; init; }

    /// <summary>A card button's or invoke's value, serialised as PostAsJsonAsync would (camelCase).</summary>
    public object? Value { get; init; }

    /// <summary>A message with <paramref name="text"/>, with every other field as described on the type.</summary>
    public static TestActivity Message(string? text) => new() { Text = text };

    /// <summary>The activity's JSON, without the fields that are null.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = Type,
            ["id"] = Id,
            ["channelId"] = ChannelId,
            ["serviceUrl"] = ServiceUrl,
            ["deliveryMode"] = DeliveryMode,
            ["from"] = From.ToJson(),
            ["recipient"] = Recipient.ToJson(),
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["text"] = Text,
            ["name"] = Name,
            ["replyToId"] = ReplyToId,
            ["value"] = Value is null ? null : JsonSerializer.SerializeToNode(Value, JsonSerializerOptions.Web),
        };
        foreach (var empty in json.Where(field => field.Value is null).Select(field => field.Key).ToList())
        {
            json.Remove(empty);
        }

        return json;
    }

    /// <summary>Posts the activity to the host's /api/messages.</summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient client) => client.PostAsJsonAsync("/api/messages", ToJson());

    /// <summary>A user or a bot in an activity.</summary>
    public sealed record Account(string Id, string? Name = null)
    {
        /// <summary>The account's JSON, without a name when it has none.</summary>
        public JsonObject ToJson() => Name is null ? new JsonObject { ["id"] = Id } : new JsonObject { ["id"] = Id, ["name"] = Name };
    }
}
