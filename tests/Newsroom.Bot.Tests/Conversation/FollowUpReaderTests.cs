using Newsroom.Bot.Conversation;

namespace Newsroom.Bot.Tests;

public sealed class FollowUpReaderTests
{
    private static readonly ConversationMemory AfterAnAnswer = new()
    {
        Topic = "Which countries did U.S. officials approach about deportation deals?",
        Question = "Which countries did U.S. officials approach about deportation deals?",
        Shown = [new ShownCitation(1, "a.txt", 13, 1, "U.S. officials have sought deals with Rwanda.")],
    };

    [Theory]
    [InlineData("more", FollowUpKind.More, null)]
    [InlineData("Show me more", FollowUpKind.More, null)]
    [InlineData("next", FollowUpKind.More, null)]
    [InlineData("context", FollowUpKind.Context, null)]
    [InlineData("Context 2", FollowUpKind.Context, 2)]
    [InlineData("show the paragraph", FollowUpKind.Context, null)]
    [InlineData("show me the paragraph for quote 3", FollowUpKind.Context, 3)]
    [InlineData("What’s the context?", FollowUpKind.Context, null)]
    [InlineData("which article?", FollowUpKind.Source, null)]
    [InlineData("Which article is that from?", FollowUpKind.Source, null)]
    [InlineData("source", FollowUpKind.Source, null)]
    [InlineData("sources", FollowUpKind.Source, null)]
    [InlineData("source #2", FollowUpKind.Source, 2)]
    [InlineData("👍", FollowUpKind.Vote, null)]
    [InlineData("👎🏽", FollowUpKind.Vote, null)]
    public void Follow_up_requests_are_recognised(string message, FollowUpKind kind, int? number)
    {
        var followUp = FollowUpReader.Read(message, AfterAnAnswer);

        Assert.Equal(kind, followUp.Kind);
        Assert.Equal(number, followUp.Number);
    }

    [Theory]
    [InlineData("and Rwanda?", "Which countries did U.S. officials approach about deportation deals, and Rwanda?")]
    [InlineData("What about Moldova", "Which countries did U.S. officials approach about deportation deals, what about Moldova?")]
    [InlineData("how about the State Department?", "Which countries did U.S. officials approach about deportation deals, how about the State Department?")]
    [InlineData("when?", "When did U.S. officials approach about deportation deals?")]
    [InlineData("Who said that?", "Who said U.S. officials approach about deportation deals?")]
    [InlineData("how many?", "How many did U.S. officials approach about deportation deals?")]
    public void Short_follow_ups_are_read_against_the_previous_question(string message, string understood)
    {
        var followUp = FollowUpReader.Read(message, AfterAnAnswer);

        Assert.Equal(FollowUpKind.Topic, followUp.Kind);
        Assert.Equal(understood, followUp.Question);
    }

    [Theory]
    [InlineData("Who is the president of Libya?")]
    [InlineData("When did the deportations to Libya begin?")]
    [InlineData("and what did the State Department say about travel to Libya and the kidnappings there?")]
    [InlineData("Where is Esvatini?")]
    [InlineData("Rwanda")]
    public void Questions_that_stand_on_their_own_are_not_follow_ups(string message)
    {
        Assert.Equal(FollowUpKind.Question, FollowUpReader.Read(message, AfterAnAnswer).Kind);
    }

    [Theory]
    [InlineData("Where did the storm make landfall?", "when?", "When did the storm make landfall?")]
    [InlineData("Where did the storm make landfall?", "who said that?", "Who said the storm make landfall?")]
    [InlineData("What year was the port built?", "where?", "Where was the port built?")]
    [InlineData("Did the strike end?", "when?", "When did the strike end?")]
    [InlineData("Which ports joined the strike?", "when?", "When ports joined the strike?")]
    [InlineData("Port strike", "when?", "When: Port strike?")]
    public void A_bare_question_word_replaces_the_question_word_of_the_last_full_question(string subject, string message, string understood)
    {
        var memory = new ConversationMemory { Topic = subject, Question = subject, Subject = subject };

        Assert.Equal(understood, FollowUpReader.Read(message, memory).Question);
    }

    [Fact]
    public void Bare_follow_ups_in_a_row_each_rephrase_the_last_full_question_instead_of_nesting()
    {
        const string asked = "Where did the storm make landfall?";
        var memory = new ConversationMemory { Topic = asked, Question = asked, Subject = asked };

        var when = FollowUpReader.Read("when?", memory);
        memory.Question = when.Question; // answered: the thread's question is now the rephrased one, its subject is kept
        var who = FollowUpReader.Read("who said that?", memory);

        Assert.True(when.KeepsSubject);
        Assert.Equal("When did the storm make landfall?", when.Question);
        Assert.Equal("Who said the storm make landfall?", who.Question);
        Assert.DoesNotContain("About", who.Question);
    }

    [Fact]
    public void Without_a_previous_question_nothing_is_read_as_a_follow_up()
    {
        Assert.Equal(FollowUpKind.Question, FollowUpReader.Read("and Rwanda?", new ConversationMemory()).Kind);
        Assert.Equal(FollowUpKind.Question, FollowUpReader.Read("when?", new ConversationMemory()).Kind);
    }
}

public sealed class ConversationMemoryTests
{
    private static Answers.Answering.Answer AnswerTo(string question, int number) => new(question, Answers.Answering.AnswerStatus.Answered,
        [new Answers.Answering.Citation(number, "a.md", "A", null, null, null, null, 1, number, $"Sentence {number}.", [], false, null, 1)]);

    [Fact]
    public void Only_the_latest_answers_are_remembered_for_feedback_so_the_state_stays_small()
    {
        var memory = new ConversationMemory();
        var given = Enumerable.Range(1, ConversationMemory.AnswersKept + 5).Select(i => memory.Remember(AnswerTo($"Question {i}", i))).ToList();

        Assert.Equal(ConversationMemory.AnswersKept, memory.Answers.Count);
        Assert.Null(memory.FindAnswer(given[0].Id, null));
        Assert.Equal("Question 25", memory.FindAnswer(given[^1].Id, null)!.Question);
        Assert.Equal("Question 25", memory.FindAnswer(null, null)!.Question);
    }

    [Fact]
    public void A_new_thread_forgets_the_quotes_of_the_previous_one()
    {
        var memory = new ConversationMemory();
        memory.Start("First?", "First?", ["first"], AnswerTo("First?", 1));
        memory.Continue(AnswerTo("First?", 2));

        memory.Start("Second?", "Second?", ["second"], AnswerTo("Second?", 1));

        Assert.Equal(("Second?", 1, 1, 1), (memory.Question, memory.Shown.Count, memory.Offset, memory.LastReplyFirst));
    }
}
