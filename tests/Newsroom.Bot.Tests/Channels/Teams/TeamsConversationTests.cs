using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// Messages shaped as Teams sends them (Activities/teams-*.json) through the real host; the
/// replies arrive at a stand-in for Teams' connector service on this machine.
/// </summary>
public sealed class TeamsConversationTests
{
    private const string CountriesQuestion = "Which countries did U.S. officials approach about deportation deals?";

    private static async Task<IReadOnlyList<JsonObject>> SendAsync(string capture, string question)
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var response = await host.CreateClient().PostAsync("/api/messages", CapturedActivity.Content(CapturedActivity.Load(capture, channel.ServiceUrl, question)));
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return channel.TakeAll();
    }

    private static JsonObject Message(IReadOnlyList<JsonObject> replies) => Assert.Single(replies, reply => (string?)reply["type"] == "message");

    [Fact]
    public async Task In_a_channel_the_bot_answers_the_question_without_its_mention()
    {
        var replies = await SendAsync("teams-channel-mention", CountriesQuestion);

        var answer = Message(replies);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)answer["text"]);
        Assert.Contains("paragraph 13, sentence 1", (string?)answer["text"]);
        Assert.DoesNotContain("<at>", (string?)answer["text"]);
    }

    [Fact]
    public async Task In_a_channel_the_answer_carries_a_citation_entity_within_Teams_limits()
    {
        var replies = await SendAsync("teams-channel-mention", CountriesQuestion);

        var answer = Message(replies);
        Assert.Empty(TeamsMessageShape.Violations(answer));
        var entity = Assert.Single(answer["entities"]!.AsArray(), e => (string?)e!["type"] == "https://schema.org/Message")!;
        var first = entity["citation"]!.AsArray()[0]!;
        Assert.Equal(1, (int)first["position"]!);
        Assert.Contains("[1]", (string?)answer["text"]);
        Assert.StartsWith("According to documents and officials", (string?)first["appearance"]!["abstract"]);
        Assert.Null(entity["additionalType"]);
    }

    [Fact]
    public async Task Long_headlines_and_sentences_are_cut_to_Teams_limits_in_the_citation()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var headline = "Harbour authority, dockworkers' union and shipping lines agree on a new schedule for the container port after a six-day strike";
        var sentence = "The strike at the container port, which had halted the unloading of more than two hundred ships and left perishable cargo " +
                       "stranded on the quays for six days, ended on Tuesday evening after the harbour authority agreed to the dockworkers' demands.";
        await File.WriteAllTextAsync(Path.Combine(host.CorpusFolder, "port.md"), $"---\ntitle: {headline}\nurl: https://example.com/port-strike\n---\n{sentence}\n");

        var response = await host.CreateClient().PostAsync("/api/messages", CapturedActivity.Content(
            CapturedActivity.Load("teams-channel-mention", channel.ServiceUrl, "When did the strike at the container port end?")));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var answer = Message(channel.TakeAll());
        Assert.Empty(TeamsMessageShape.Violations(answer));
        Assert.Contains("on Tuesday evening after the harbour authority", (string?)answer["text"]);
        var appearance = answer["entities"]!.AsArray().Single(e => (string?)e!["type"] == "https://schema.org/Message")!["citation"]![0]!["appearance"]!;
        Assert.Equal("https://example.com/port-strike", (string?)appearance["url"]);
    }

    [Fact]
    public async Task In_a_channel_the_answer_goes_to_the_thread_the_question_was_asked_in()
    {
        var replies = await SendAsync("teams-channel-mention", CountriesQuestion);

        var answer = Message(replies);
        Assert.Equal("19:b4c2e0d1a3f94c0e8f1e6a7d2c3b4a5f@thread.tacv2;messageid=1485983194839", (string?)answer["conversation"]!["id"]);
        Assert.Equal("1485983408511", (string?)answer["replyToId"]);
    }

    [Fact]
    public async Task In_a_group_chat_a_mention_after_the_question_is_removed_too()
    {
        var replies = await SendAsync("teams-group-chat-mention", CountriesQuestion);

        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)Message(replies)["text"]);
    }

    [Fact]
    public async Task Help_with_a_mention_in_a_channel_gets_the_help_text()
    {
        var replies = await SendAsync("teams-channel-mention", "help");

        Assert.Contains("paragraph and sentence number", (string?)Message(replies)["text"]);
    }

    [Fact]
    public async Task A_mention_with_nothing_else_asks_for_a_question()
    {
        var replies = await SendAsync("teams-channel-mention", string.Empty);

        Assert.Contains("Ask me a question", (string?)Message(replies)["text"]);
    }

    [Theory]
    [InlineData("teams-channel-mention")]
    [InlineData("teams-group-chat-mention")]
    public async Task The_answer_keeps_to_the_shape_and_limits_Teams_documents(string capture)
    {
        var replies = await SendAsync(capture, CountriesQuestion);

        Assert.Empty(TeamsMessageShape.Violations(Message(replies)));
    }

    [Theory]
    [InlineData(CountriesQuestion)]
    [InlineData("help")]
    [InlineData("What is the recipe for chocolate cake?")]
    public async Task Replies_offer_no_suggested_actions_since_Teams_does_not_show_them(string question)
    {
        var replies = await SendAsync("teams-channel-mention", question);

        Assert.All(replies, reply => Assert.Null(reply["suggestedActions"]));
    }
}
