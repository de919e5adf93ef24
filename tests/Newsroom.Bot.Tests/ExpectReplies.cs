using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>Asks the bot over HTTP with <c>deliveryMode: expectReplies</c>, as curl users and the load tools do.</summary>
internal static class ExpectReplies
{
    /// <summary>Posts <paramref name="text"/> in a new conversation (or <paramref name="conversationId"/>) and returns the text of the bot's messages, one per line.</summary>
    public static async Task<string> AskAsync(HttpClient client, string text, string? conversationId = null)
    {
        var response = await client.PostAsJsonAsync("/api/messages", new
        {
            type = "message",
            id = Guid.NewGuid().ToString(),
            channelId = "emulator",
            serviceUrl = "http://127.0.0.1:9/",
            deliveryMode = "expectReplies",
            from = new { id = "user1" },
            recipient = new { id = "bot" },
            conversation = new { id = conversationId ?? "conversation-" + Guid.NewGuid() },
            text,
        });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return string.Join('\n', body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]));
    }
}
