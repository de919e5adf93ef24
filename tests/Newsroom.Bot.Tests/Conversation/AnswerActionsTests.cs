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
    public async Task An_answer_has_more_context_open_article_and_thumb_buttons()
    {
        await _harness.Flow("webchat")
            .Send("and Antwerp")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                var buttons = Card(reply).Buttons;
                Assert.Equal(["More", "Context", "Open article", "👍", "👎"], buttons.Select(b => b.Title));
                Assert.Equal((ActionTypes.MessageBack, "more"), (buttons[0].Type, buttons[0].Text));
                Assert.Equal((ActionTypes.MessageBack, "context 1"), (buttons[1].Type, buttons[1].Text));
                Assert.Equal(("context", 1), ((string?)((JObject)buttons[1].Value)["newsroomAction"], (int?)((JObject)buttons[1].Value)["citation"]));
                Assert.Equal((string?)((JObject)buttons[4].Value)["answer"], (string?)((JObject)buttons[1].Value)["answer"]);
                Assert.Equal((ActionTypes.OpenUrl, "https://example.com/port-strike"), (buttons[2].Type, buttons[2].Value));
                Assert.All(buttons.Skip(3), thumb => Assert.Equal(ActionTypes.MessageBack, thumb.Type));
                Assert.Equal("dislike", (string?)((JObject)buttons[4].Value)["reaction"]);
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
                Assert.DoesNotContain(Card(reply).Buttons, b => b.Title is "👍" or "👎");
                Assert.True((bool?)JObject.FromObject(((IMessageActivity)reply).ChannelData)["feedbackLoopEnabled"]);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task When_the_best_quote_has_no_link_there_is_no_open_article_button()
    {
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                Assert.Equal(StrikeCorpus.PortSentences[6], StrikeCorpus.Quotes(((IMessageActivity)reply).Text)[1]); // from the article with no link
                Assert.DoesNotContain(Card(reply).Buttons, b => b.Type == ActionTypes.OpenUrl);
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
