using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>Activities shaped as the Bot Framework Emulator sends them (Activities/emulator-*.json), through the real host in Emulator mode.</summary>
public sealed class EmulatorConversationTests
{
    [Fact]
    public async Task A_new_emulator_conversation_welcomes_the_user_once_and_not_the_bot()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();

        var response = await host.CreateClient().PostAsync("/api/messages",
            CapturedActivity.Content(CapturedActivity.Load("emulator-conversation-update", channel.ServiceUrl.TrimEnd('/'))));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var welcome = Assert.Single(channel.TakeAll());
        Assert.Contains("Hello!", (string?)welcome["text"]);
        Assert.Equal("6c7d8e90-8f0c-11f1-a1b2-c3d4e5f60718", (string?)welcome["recipient"]!["id"]);
        Assert.Equal("/v3/conversations/7e8f9a00-8f0c-11f1-b2c3-d4e5f6071829|livechat/activities/8f9a0b10-8f0c-11f1-c3d4-e5f60718293a", (string?)welcome["_path"]);
    }

    [Fact]
    public async Task An_emulator_question_is_answered_at_its_service_url_with_the_source_in_plain_markdown()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();

        var response = await host.CreateClient().PostAsync("/api/messages", CapturedActivity.Content(
            CapturedActivity.Load("emulator-message", channel.ServiceUrl.TrimEnd('/'), "Which countries did U.S. officials approach about deportation deals?")));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var answer = Assert.Single(channel.TakeAll(), reply => (string?)reply["type"] == "message");
        var text = (string?)answer["text"];
        Assert.Equal("markdown", (string?)answer["textFormat"]);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", text);
        Assert.Contains("*U.S. officials say the Trump administration may soon deport immigrants to Libya.*", text);
        Assert.Contains("by Camilo Montoya-Galvez", text);
        Assert.Contains("paragraph 13, sentence 1", text);
        Assert.EndsWith("/activities/9a0b1c20-8f0c-11f1-d4e5-f60718293a4b", (string?)answer["_path"]);
    }

    [Fact]
    public async Task An_emulator_answer_shows_no_bare_citation_markers()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();

        await host.CreateClient().PostAsync("/api/messages", CapturedActivity.Content(
            CapturedActivity.Load("emulator-message", channel.ServiceUrl.TrimEnd('/'), "Which countries did U.S. officials approach about deportation deals?")));

        var text = (string?)Assert.Single(channel.TakeAll(), reply => (string?)reply["type"] == "message")["text"];
        Assert.DoesNotMatch(@"(?<!\\)\[\d+\](?!\()", text);
    }

    [Fact]
    public async Task In_the_emulator_an_article_with_a_url_is_cited_with_a_plain_markdown_link()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        await File.WriteAllTextAsync(Path.Combine(host.CorpusFolder, "port-strike.md"), """
            ---
            title: Port strike ends after six days
            author: Jane Doe
            source: Harbor Gazette
            date: 2025-05-06
            url: https://example.com/port-strike
            ---
            The strike at the container port ended on Tuesday after six days, the dockworkers' union said.
            """);

        var response = await host.CreateClient().PostAsync("/api/messages", CapturedActivity.Content(
            CapturedActivity.Load("emulator-message", channel.ServiceUrl.TrimEnd('/'), "When did the dockworkers' strike at the port end?")));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var text = (string?)Assert.Single(channel.TakeAll(), reply => (string?)reply["type"] == "message")["text"];
        Assert.Contains("on Tuesday after six days", text);
        Assert.Contains("](https://example.com/port-strike)", text);
        Assert.Contains("Jane Doe", text);
    }
}
