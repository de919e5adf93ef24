using System.Text.Json.Nodes;

namespace Newsroom.Testing;

/// <summary>Asks the bot over HTTP with <c>deliveryMode: expectReplies</c>, as curl users and the load tools do, and reads the replies from the response.</summary>
public static class ExpectReplies
{
    /// <summary>Posts <paramref name="text"/> in a new conversation (or <paramref name="conversationId"/>) and returns the text of the bot's messages, one per line.</summary>
    public static Task<string> AskAsync(HttpClient client, string text, string? conversationId = null) =>
        AskAsync(client, conversationId is null ? TestActivity.Message(text) : TestActivity.Message(text) with { ConversationId = conversationId });

    /// <summary>Posts <paramref name="activity"/> and returns the text of the bot's messages, one per line.</summary>
    public static async Task<string> AskAsync(HttpClient client, TestActivity activity) => Text(await MessagesAsync(client, activity));

    /// <summary>Posts <paramref name="activity"/> and returns the bot's messages (typing and other activities left out).</summary>
    public static async Task<IReadOnlyList<JsonNode>> MessagesAsync(HttpClient client, TestActivity activity)
    {
        using var response = await activity.PostAsync(client);
        return await MessagesAsync(response);
    }

    /// <summary>The bot's messages in an expectReplies response; throws for a response that is not a success.</summary>
    public static async Task<IReadOnlyList<JsonNode>> MessagesAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message").Select(a => a!)];
    }

    /// <summary>The text of <paramref name="messages"/>, one per line.</summary>
    public static string Text(IEnumerable<JsonNode> messages) => string.Join('\n', messages.Select(m => (string?)m["text"]));
}
