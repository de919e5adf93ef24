using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newsroom.Bot.Conversation;
using Newtonsoft.Json.Linq;

namespace Newsroom.Bot.Tests;

/// <summary>
/// "More" and "Context" under an answer act on that answer, not on the latest one: pressed under
/// an older answer, after a restart over a persistent store, while typed words keep acting on the latest.
/// </summary>
public sealed class AnswerButtonTests : IDisposable
{
    private readonly StrikeCorpus _corpus = new();
    private readonly BotTestHarness _harness;

    public AnswerButtonTests() => _harness = new BotTestHarness(corpusFolder: _corpus.Folder);

    private static string Text(IActivity reply) => ((IMessageActivity)reply).Text;

    /// <summary>The button titled <paramref name="title"/> under an answer.</summary>
    internal static CardAction Button(IActivity reply, string title) =>
        ((HeroCard)((IMessageActivity)reply).Attachments[0].Content).Buttons.Single(b => b.Title == title);

    /// <summary>What Web Chat, the Emulator and Teams send for a messageBack button: its text and its value.</summary>
    internal static Activity Pressed(CardAction button) => new(ActivityTypes.Message) { Text = button.Text, Value = button.Value };

    [Fact]
    public async Task Context_under_an_older_answer_shows_the_paragraph_of_that_answers_quote()
    {
        CardAction? context = null;
        var first = new Dictionary<int, string>();
        var latest = new Dictionary<int, string>();
        await _harness.Flow("webchat")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => (context, first) = (Button(reply, AnswerActions.ContextTitle), StrikeCorpus.Quotes(Text(reply))))
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(reply => latest = StrikeCorpus.Quotes(Text(reply)))
            .StartTestAsync();
        Assert.NotEqual(first[1], latest[1]);

        await _harness.Flow("webchat")
            .Send(Pressed(context!))
            .AssertReply(reply =>
            {
                Assert.StartsWith("The paragraph around quote 1 ", Text(reply));
                Assert.Contains($"**{ReplyRenderer.Escape(first[1])}**", Text(reply));
                Assert.DoesNotContain(ReplyRenderer.Escape(latest[1]), Text(reply));
            })
            .Send("context 1") // typed: the latest answer
            .AssertReply(reply => Assert.Contains($"**{ReplyRenderer.Escape(latest[1])}**", Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task More_under_an_older_answer_continues_that_answers_question_and_typed_more_then_follows_it()
    {
        CardAction? more = null;
        var first = new Dictionary<int, string>();
        var next = new Dictionary<int, string>();
        await _harness.Flow("webchat")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => (more, first) = (Button(reply, AnswerActions.MoreTitle), StrikeCorpus.Quotes(Text(reply))))
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(Pressed(more!))
            .AssertReply(reply =>
            {
                Assert.StartsWith($"More on *{StrikeCorpus.Question}*", Text(reply));
                next = StrikeCorpus.Quotes(Text(reply));
            })
            .Send("more")
            .AssertReply(reply => Assert.StartsWith($"More on *{StrikeCorpus.Question}*", Text(reply)))
            .StartTestAsync();

        Assert.Equal([4, 5, 6], next.Keys);
        Assert.Empty(next.Values.Intersect(first.Values));
        Assert.Subset(StrikeCorpus.PortSentences.ToHashSet(), next.Values.ToHashSet());
    }

    [Fact]
    public async Task More_under_the_latest_answer_pages_on_like_typed_more()
    {
        CardAction? more = null;
        await _harness.Flow("webchat")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => more = Button(reply, AnswerActions.MoreTitle))
            .Send("more")
            .AssertReply(reply => Assert.Equal([4, 5, 6], StrikeCorpus.Quotes(Text(reply)).Keys))
            .StartTestAsync();

        await _harness.Flow("webchat")
            .Send(Pressed(more!))
            .AssertReply(reply => Assert.Equal([7, 8], StrikeCorpus.Quotes(Text(reply)).Keys.Take(2)))
            .StartTestAsync();
    }

    [Fact]
    public async Task Buttons_under_an_older_answer_act_on_it_after_the_bot_restarts_with_a_persistent_store()
    {
        var saved = new Dictionary<string, JObject>();
        CardAction? context = null, more = null;
        var first = new Dictionary<int, string>();
        using (var before = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved)))
        {
            await before.Flow("webchat")
                .Send(StrikeCorpus.Question)
                .AssertReply(_ => { })
                .AssertReply(reply => (context, more, first) = (Button(reply, AnswerActions.ContextTitle), Button(reply, AnswerActions.MoreTitle), StrikeCorpus.Quotes(Text(reply))))
                .Send("and Genoa?")
                .AssertReply(_ => { })
                .AssertReply(_ => { })
                .StartTestAsync();
        }

        // A button's value arrives as JSON from the channel.
        context!.Value = JObject.Parse(((JObject)context.Value).ToString());
        using var after = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved));
        await after.Flow("webchat")
            .Send(Pressed(context))
            .AssertReply(reply => Assert.Contains($"**{ReplyRenderer.Escape(first[1])}**", Text(reply)))
            .Send(Pressed(more!))
            .AssertReply(reply =>
            {
                Assert.StartsWith($"More on *{StrikeCorpus.Question}*", Text(reply));
                Assert.Equal([4, 5, 6], StrikeCorpus.Quotes(Text(reply)).Keys);
                Assert.Empty(StrikeCorpus.Quotes(Text(reply)).Values.Intersect(first.Values));
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_button_under_an_answer_the_conversation_no_longer_remembers_says_so()
    {
        CardAction? context = null;
        var flow = _harness.Flow("webchat")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => context = Button(reply, AnswerActions.ContextTitle));
        for (var i = 0; i < ConversationMemory.AnswersKept; i++)
        {
            flow = flow.Send(i % 2 == 0 ? "and Genoa?" : "and Antwerp?").AssertReply(_ => { }).AssertReply(_ => { });
        }

        await flow.StartTestAsync();
        await _harness.Flow("webchat")
            .Send(Pressed(context!))
            .AssertReply(reply => Assert.Equal(FollowUpReplies.AnswerForgotten, Text(reply)))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("""{"newsroomAction":"context","answer":"nope","citation":"1"}""")]
    [InlineData("""{"newsroomAction":"context","answer":"nope","citation":-1}""")]
    [InlineData("""{"newsroomAction":"more","answer":7}""")]
    [InlineData("""{"newsroomAction":"more"}""")]
    public void A_malformed_button_value_is_not_read_as_a_button(string value)
    {
        Assert.Null(AnswerActions.ReadCardRequest(JObject.Parse(value)));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _corpus.Dispose();
    }
}
