using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Newsroom.Bot.Tests;

/// <summary>The buttons under an answer, on Teams and elsewhere.</summary>
public sealed class AnswerActionsTests : IDisposable
{
    private readonly StrikeCorpus _corpus = new();
    private readonly BotTestHarness _harness;

    public AnswerActionsTests() => _harness = new BotTestHarness(corpusFolder: _corpus.Folder);

    private static HeroCard Card(IActivity reply)
    {
        var attachment = Assert.Single(((IMessageActivity)reply).Attachments);
        Assert.Equal(HeroCard.ContentType, attachment.ContentType);
        return (HeroCard)attachment.Content;
    }

    [Fact]
    public async Task An_answer_has_four_buttons_with_plain_accessible_names_and_no_open_article_button()
    {
        await _harness.Flow("webchat")
            .Send("and Antwerp")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                var buttons = Card(reply).Buttons;
                Assert.Equal(["More like this", "Show paragraph", "Helpful", "Not helpful"], buttons.Select(b => b.Title));
                Assert.All(buttons, button => Assert.Equal(ActionTypes.MessageBack, button.Type));
                Assert.Equal(["more", "context 1", "👍", "👎"], buttons.Select(b => b.Text));
                Assert.Equal(["more", "context 1", "👍", "👎"], buttons.Select(b => b.DisplayText));
                Assert.Equal(("context", 1), ((string?)((JObject)buttons[1].Value)["newsroomAction"], (int?)((JObject)buttons[1].Value)["citation"]));
                Assert.Equal((string?)((JObject)buttons[3].Value)["answer"], (string?)((JObject)buttons[1].Value)["answer"]);
                Assert.Equal("dislike", (string?)((JObject)buttons[3].Value)["reaction"]);
                // The article is a link in the quote's source line, so the card need not repeat it.
                Assert.Contains("(https://example.com/port-strike)", ((IMessageActivity)reply).Text);
                Assert.Null(((IMessageActivity)reply).SuggestedActions);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task In_teams_the_answer_uses_the_native_feedback_loop_instead_of_thumb_buttons()
    {
        await _harness.Flow("msteams")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                Assert.Equal(["More like this", "Show paragraph"], Card(reply).Buttons.Select(b => b.Title));
                Assert.True((bool?)JObject.FromObject(((IMessageActivity)reply).ChannelData)["feedbackLoopEnabled"]);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    public async Task A_more_reply_carries_only_more_like_this_instead_of_repeating_the_answers_buttons(string channel)
    {
        await _harness.Flow(channel)
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("more")
            .AssertReply(reply =>
            {
                Assert.StartsWith("More on", ((IMessageActivity)reply).Text);
                Assert.Equal(["More like this"], Card(reply).Buttons.Select(b => b.Title));
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Replies_that_are_not_answers_have_no_buttons()
    {
        await _harness.Flow()
            .Send("What is the recipe for chocolate cake?")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.Empty(((IMessageActivity)reply).Attachments ?? []))
            .StartTestAsync();
    }

    public void Dispose()
    {
        _harness.Dispose();
        _corpus.Dispose();
    }
}
