using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>A conversation through the real host: state kept between requests, feedback written to the configured file.</summary>
public sealed class ConversationEndpointTests
{
    private const string CountriesQuestion = "Which countries did U.S. officials approach about deportation deals?";

    private static JsonObject Activity(string conversationId, string type = "message", string? text = null, string? name = null, string? replyToId = null, object? value = null, string channelId = "emulator") => new TestActivity
    {
        Type = type,
        ChannelId = channelId,
        From = new("user1", "Reporter"),
        Recipient = new("bot", "Newsroom bot"),
        ConversationId = conversationId,
        Text = text,
        Name = name,
        ReplyToId = replyToId,
        Value = value,
    }.ToJson();

    private static async Task<List<JsonNode>> RepliesAsync(HttpResponseMessage response) => [.. await ExpectReplies.MessagesAsync(response)];

    [Fact]
    public async Task Follow_ups_in_one_conversation_continue_the_answer_and_source_names_the_article()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var conversation = "conversation-" + Guid.NewGuid();

        var answer = await RepliesAsync(await client.PostAsJsonAsync("/api/messages", Activity(conversation, text: CountriesQuestion)));
        var source = await RepliesAsync(await client.PostAsJsonAsync("/api/messages", Activity(conversation, text: "which article?")));
        var otherConversation = await RepliesAsync(await client.PostAsJsonAsync("/api/messages", Activity("conversation-" + Guid.NewGuid(), text: "source")));

        var first = Assert.Single(answer);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)first["text"]);
        Assert.Equal("application/vnd.microsoft.card.hero", (string?)first["attachments"]![0]!["contentType"]);
        Assert.Contains("U.S. officials say the Trump administration may soon deport immigrants to Libya.", (string?)Assert.Single(source)["text"]);
        Assert.Contains("by Camilo Montoya-Galvez", (string?)source[0]["text"]);
        Assert.StartsWith("There's no answer to follow up on yet", (string?)Assert.Single(otherConversation)["text"]);
    }

    [Fact]
    public async Task A_teams_feedback_invoke_gets_200_and_lands_in_the_feedback_file()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var conversation = "conversation-" + Guid.NewGuid();
        await RepliesAsync(await client.PostAsJsonAsync("/api/messages", Activity(conversation, text: CountriesQuestion, channelId: "msteams")));

        var response = await client.PostAsJsonAsync("/api/messages", Activity(conversation, type: "invoke", name: "message/submitAction", channelId: "msteams",
            value: new { actionName = "feedback", actionValue = new { reaction = "like", feedback = "{\"feedbackText\":\"Exactly what I needed\"}" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = JsonNode.Parse(Assert.Single(await File.ReadAllLinesAsync(host.FeedbackFile)))!;
        Assert.Equal(("like", CountriesQuestion, "Exactly what I needed"), ((string?)line["reaction"], (string?)line["question"], (string?)line["comment"]));
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)line["citations"]![0]!["text"]);
    }
}
