using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Newsroom.Bot.Commands;
using Newsroom.Bot.Feedback;
using Newtonsoft.Json.Linq;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>Thumbs up / down on answers: recorded in the feedback file, summarised for the newsroom.</summary>
public sealed class FeedbackTests : IDisposable
{
    private readonly StrikeCorpus _corpus = new();
    private readonly BotTestHarness _harness;

    public FeedbackTests() => _harness = new BotTestHarness(corpusFolder: _corpus.Folder);

    /// <summary>The value of the thumb button for <paramref name="emoji"/> (titled "Helpful" / "Not helpful").</summary>
    private static JObject Thumb(IActivity reply, string emoji) =>
        (JObject)((HeroCard)((IMessageActivity)reply).Attachments[0].Content).Buttons
            .Single(b => b.Title == (emoji == "👍" ? Newsroom.Bot.Conversation.AnswerActions.HelpfulTitle : Newsroom.Bot.Conversation.AnswerActions.NotHelpfulTitle)).Value;

    /// <summary>What Web Chat and the Emulator send for a messageBack button: its text and its value.</summary>
    private static Activity Clicked(string emoji, JObject value) => new(ActivityTypes.Message) { Text = emoji, Value = value };

    private List<JsonNode> Lines() =>
        File.ReadAllLines(_harness.FeedbackFile).Select(line => JsonNode.Parse(line)!).ToList();

    [Fact]
    public async Task A_thumbs_down_is_recorded_with_the_question_the_quoted_sentences_and_the_time()
    {
        JObject? down = null;
        var quotes = new Dictionary<int, string>();
        var before = DateTimeOffset.UtcNow;

        await _harness.Flow("webchat")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => (down, quotes) = (Thumb(reply, "👎"), StrikeCorpus.Quotes(((IMessageActivity)reply).Text)))
            .StartTestAsync();
        await _harness.Flow("webchat")
            .Send(Clicked("👎", down!))
            .AssertReply(reply => Assert.StartsWith("Thanks for telling me", ((IMessageActivity)reply).Text))
            .StartTestAsync();

        var line = Assert.Single(Lines());
        Assert.Equal("dislike", (string?)line["reaction"]);
        Assert.Equal(StrikeCorpus.Question, (string?)line["question"]);
        Assert.Equal("webchat", (string?)line["channel"]);
        var cited = line["citations"]!.AsArray();
        Assert.Equal(quotes.Values, cited.Select(c => (string?)c!["text"]));
        Assert.All(cited, c => Assert.Matches(@"^(port-strike|strike-update)\.md#\d+\.\d+$", (string?)c!["id"]));
        var time = DateTimeOffset.Parse((string)line["time"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, before, DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public async Task A_vote_on_an_older_answer_is_recorded_against_that_answers_question()
    {
        JObject? upOnFirst = null;
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => upOnFirst = Thumb(reply, "👍"))
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(Clicked("👍", upOnFirst!))
            .AssertReply(reply => Assert.StartsWith("Thanks, glad that helped", ((IMessageActivity)reply).Text))
            .StartTestAsync();

        var line = Assert.Single(Lines());
        Assert.Equal(("like", StrikeCorpus.Question), ((string?)line["reaction"], (string?)line["question"]));
    }

    [Fact]
    public async Task The_same_thumb_clicked_twice_is_recorded_once_and_the_other_thumb_after_it_is_recorded()
    {
        JObject? up = null, down = null;
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => (up, down) = (Thumb(reply, "👍"), Thumb(reply, "👎")))
            .Send(Clicked("👍", up!))
            .AssertReply(reply => Assert.StartsWith("Thanks, glad that helped", ((IMessageActivity)reply).Text))
            .Send(Clicked("👍", up!))
            .AssertReply(reply => Assert.StartsWith("You already marked that answer as helpful", ((IMessageActivity)reply).Text))
            .Send(Clicked("👎", down!))
            .AssertReply(reply => Assert.StartsWith("Thanks for telling me", ((IMessageActivity)reply).Text))
            .StartTestAsync();

        Assert.Equal(["like", "dislike"], Lines().Select(line => (string?)line["reaction"]));
        var answer = Assert.Single(FeedbackSummary.Summarise(FeedbackLog.Read(_harness.FeedbackFile).Entries));
        Assert.Equal((1, 0), (answer.Dislikes, answer.Likes));
    }

    [Fact]
    public async Task Teams_feedback_loop_is_recorded_with_its_comment_and_answered_with_200()
    {
        string? answerMessageId = null;
        await _harness.Flow("msteams")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => answerMessageId = reply.Id)
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .StartTestAsync();
        Assert.NotNull(answerMessageId);

        var invoke = new Activity(ActivityTypes.Invoke)
        {
            Name = "message/submitAction",
            ReplyToId = answerMessageId,
            Value = JObject.Parse("""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{\"feedbackText\":\"Gdansk has not joined yet\"}"}}"""),
        };
        await _harness.Flow("msteams")
            .Send(invoke)
            .AssertReply(reply =>
            {
                Assert.Equal(ActivityTypesEx.InvokeResponse, reply.Type);
                Assert.Equal(200, ((InvokeResponse)((Activity)reply).Value).Status);
            })
            .AssertNoReply()
            .StartTestAsync();

        var line = Assert.Single(Lines());
        Assert.Equal("dislike", (string?)line["reaction"]);
        Assert.Equal("Gdansk has not joined yet", (string?)line["comment"]);
        Assert.Equal(StrikeCorpus.Question, (string?)line["question"]); // the message it replied to, not the latest answer
    }

    [Fact]
    public async Task A_teams_vote_on_a_message_the_bot_no_longer_remembers_is_not_pinned_on_another_answer()
    {
        await _harness.Flow("msteams")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(new Activity(ActivityTypes.Invoke)
            {
                Name = "message/submitAction",
                ReplyToId = "a-message-from-long-ago",
                Value = JObject.Parse("""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":""}}"""),
            })
            .AssertReply(reply => Assert.Equal(200, ((InvokeResponse)((Activity)reply).Value).Status))
            .StartTestAsync();

        Assert.False(File.Exists(_harness.FeedbackFile));
    }

    [Fact]
    public async Task A_thumb_before_any_answer_is_thanked_but_not_recorded()
    {
        await _harness.Flow()
            .Send("👍")
            .AssertReply(reply => Assert.Contains("can't tell which answer", ((IMessageActivity)reply).Text))
            .StartTestAsync();

        Assert.False(File.Exists(_harness.FeedbackFile));
    }

    [Theory]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"newsroomAction": "feedback", "reaction": {"nested": true}, "answer": [1]}""")]
    [InlineData("""{"newsroomAction": "feedback", "reaction": "meh"}""")]
    public async Task A_malformed_button_value_is_read_as_a_plain_message(string value)
    {
        await _harness.Flow()
            .Send(new Activity(ActivityTypes.Message) { Text = "more", Value = JToken.Parse(value) })
            .AssertReply(reply => Assert.StartsWith("There's no answer to follow up on yet", ((IMessageActivity)reply).Text))
            .StartTestAsync();

        Assert.False(File.Exists(_harness.FeedbackFile));
    }

    [Theory]
    [InlineData("""{"actionName": "feedback", "actionValue": "like"}""")]
    [InlineData("""{"actionName": "feedback", "actionValue": {"reaction": 1}}""")]
    [InlineData("""[]""")]
    public async Task A_malformed_feedback_invoke_is_refused_without_an_error_message(string value)
    {
        await _harness.Flow("msteams")
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(new Activity(ActivityTypes.Invoke) { Name = "message/submitAction", Value = JToken.Parse(value) })
            .AssertReply(reply =>
            {
                Assert.Equal(ActivityTypesEx.InvokeResponse, reply.Type);
                Assert.InRange(((InvokeResponse)((Activity)reply).Value).Status, 400, 599);
            })
            .AssertNoReply()
            .StartTestAsync();

        Assert.False(File.Exists(_harness.FeedbackFile));
    }

    [Fact]
    public async Task Votes_written_at_once_are_each_kept_as_one_line()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => _harness.Feedback.AppendAsync(new FeedbackEntry(
            DateTimeOffset.UtcNow, i % 2 == 0 ? "like" : "dislike", $"Question {i}", [new FeedbackSentence("a.md#1.1", "A sentence with \"quotes\"\nand a line break.")], null, "test", $"a{i}"))));
        await Task.WhenAll(tasks);

        var (entries, unreadable) = FeedbackLog.Read(_harness.FeedbackFile);
        Assert.Equal(0, unreadable);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"Question {i}").Order(), entries.Select(e => e.Question).Order());
    }

    [Fact]
    public void The_summary_puts_the_most_disliked_answer_first()
    {
        var cited = new[] { new FeedbackSentence("port-strike.md#1.1", StrikeCorpus.PortSentences[0]) };
        var other = new[] { new FeedbackSentence("port-strike.md#5.1", StrikeCorpus.PortSentences[4]) };
        var time = new DateTimeOffset(2025, 5, 6, 12, 0, 0, TimeSpan.Zero);
        var answers = FeedbackSummary.Summarise(
        [
            new(time, "like", "Which ports joined the strike?", cited, null, "webchat", "a1"),
            new(time.AddMinutes(1), "dislike", "And Gdansk?", other, "It has not joined yet", "msteams", "a2"),
            new(time.AddMinutes(2), "dislike", "and gdansk? ", other, null, "webchat", "a3"),
            new(time.AddMinutes(3), "dislike", "Which ports joined the strike?", cited, "Too short", "webchat", "a4"),
        ]);

        Assert.Equal(2, answers.Count);
        Assert.Equal(("and gdansk?", 2, 0), (answers[0].Question, answers[0].Dislikes, answers[0].Likes));
        Assert.Equal(["It has not joined yet"], answers[0].Comments);
        Assert.Equal(("Which ports joined the strike?", 1, 1), (answers[1].Question, answers[1].Dislikes, answers[1].Likes));
    }

    [Fact]
    public async Task The_feedback_command_prints_the_summary_of_the_configured_file()
    {
        await _harness.Feedback.AppendAsync(new FeedbackEntry(DateTimeOffset.UtcNow, "like", "Which ports joined the strike?",
            [new FeedbackSentence("port-strike.md#1.1", StrikeCorpus.PortSentences[0])], null, "webchat", "a1"));
        await _harness.Feedback.AppendAsync(new FeedbackEntry(DateTimeOffset.UtcNow, "dislike", "And Gdansk?",
            [new FeedbackSentence("port-strike.md#5.1", StrikeCorpus.PortSentences[4])], "It has not joined yet", "msteams", "a2"));
        File.AppendAllText(_harness.FeedbackFile, "{ this line was edited by hand\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feedback:File"] = _harness.FeedbackFile }).Build();
        var output = new StringWriter();

        var exitCode = FeedbackCommand.Run(configuration, output);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("2 votes (1 up, 1 down) on 2 answers, most disliked first", text);
        Assert.Contains("1 line(s) could not be read", text);
        Assert.True(text.IndexOf("“And Gdansk?”", StringComparison.Ordinal) < text.IndexOf("“Which ports joined the strike?”", StringComparison.Ordinal));
        Assert.Contains("comment: It has not joined yet", text);
        Assert.Contains("port-strike.md#5.1  “The union said the port of Gdansk would join the strike next week.”", text);
    }

    [Fact]
    public async Task The_feedback_command_prints_questions_and_comments_without_terminal_escapes_or_forged_lines()
    {
        const string Escape = "\u001b";
        await _harness.Feedback.AppendAsync(new FeedbackEntry(DateTimeOffset.UtcNow, "dislike", "Which ports?" + Escape + "[2J" + Escape + "]0;owned\u0007",
            [new FeedbackSentence("port-strike.md#1.1", StrikeCorpus.PortSentences[0])], "wrong\n\n👎 99  👍 0  “Forged question”\u202Edesrever", "webchat", "a1"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feedback:File"] = _harness.FeedbackFile }).Build();
        var output = new StringWriter();

        Assert.Equal(0, FeedbackCommand.Run(configuration, output));

        var text = output.ToString();
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.DoesNotContain('\u202E', text);
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("👎 99", StringComparison.Ordinal));
        Assert.Contains("Which ports?\\u001B[2J", text);
        Assert.Contains("comment: wrong ⏎  ⏎ 👎 99", text);
    }

    [Fact]
    public void The_feedback_command_says_so_when_there_is_no_feedback_yet()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"newsroom-no-feedback-{Guid.NewGuid():N}.jsonl");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feedback:File"] = missing }).Build();
        var output = new StringWriter();

        Assert.Equal(0, FeedbackCommand.Run(configuration, output));
        Assert.Contains("No feedback yet", output.ToString());
    }

    public void Dispose()
    {
        _harness.Dispose();
        _corpus.Dispose();
    }
}
