using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The same message delivered twice: a load balancer resends it when the instance that took it
/// died (nginx's proxy_next_upstream), a channel when it got no reply in time. The first delivery
/// may already have saved the thread before its reply was lost. Through the real host over HTTP,
/// because the activity's id is what tells a redelivery from a new message (TestAdapter renumbers ids).
/// </summary>
public sealed class RedeliveredMessageTests
{
    private const string Question = "Which countries did U.S. officials approach about deportation deals?";

    [Fact]
    public async Task More_delivered_again_gets_the_same_quotes_and_the_thread_goes_on_as_if_it_came_once()
    {
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("q-1", Question);
        var first = await conversation.SendAsync("more-1", "more");
        var again = await conversation.SendAsync("more-1", "more");
        var next = await conversation.SendAsync("more-2", "more");

        Assert.StartsWith("More on *", first);
        Assert.Contains("4. “", first);
        Assert.Equal(first, again);
        Assert.StartsWith("That's all I have on this", next); // the seed article has four quotes: 1-3, then 4
        Assert.Contains(host.Logs.Entries, line => line.Contains("more-1", StringComparison.Ordinal) && line.Contains("delivered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_words_in_a_new_message_are_a_new_turn()
    {
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("q-1", Question);
        var first = await conversation.SendAsync("more-1", "more");
        var second = await conversation.SendAsync("more-2", "more");

        Assert.Contains("4. “", first);
        Assert.StartsWith("That's all I have on this", second);
    }

    [Fact]
    public async Task A_reused_id_with_other_words_is_a_new_message()
    {
        // curl users copy the README's example and keep its "id": "1"; that is not a redelivery.
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("1", Question);
        var more = await conversation.SendAsync("1", "more");
        var source = await conversation.SendAsync("1", "source");

        Assert.Contains("4. “", more);
        Assert.Contains("(quote 4)", source);
    }

    /// <summary>One Emulator-mode conversation over HTTP with expectReplies, with the ids chosen by the test.</summary>
    private sealed class Conversation(HttpClient client)
    {
        private readonly string _id = "conversation-" + Guid.NewGuid();

        public async Task<string> SendAsync(string activityId, string text)
        {
            var response = await client.PostAsJsonAsync("/api/messages", new
            {
                type = "message",
                id = activityId,
                channelId = "emulator",
                serviceUrl = "http://127.0.0.1:9/",
                deliveryMode = "expectReplies",
                from = new { id = "user1" },
                recipient = new { id = "bot" },
                conversation = new { id = _id },
                text,
            });
            response.EnsureSuccessStatusCode();
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return string.Join('\n', body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]));
        }
    }
}
