using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Tests;

/// <summary>
/// How a sentence's surroundings count toward citing it: the sentence before it (which often
/// names what it calls "his successor" or "the team") counts for more than the sentence after it,
/// and the headline says what every sentence of its article is about.
/// </summary>
public sealed class SentenceContextTests
{
    private const string Court =
        "Court history\n\n" +
        "King Henry protected the Huguenots and ended the persecution of their churches for several decades. " +
        "His successor Louis resumed it soon after the long regency of his Italian mother ended in the south.\n\n" +
        "Markets in the capital were busy.";

    [Fact]
    public void The_sentence_that_carries_on_from_the_one_before_is_cited_before_it()
    {
        using var corpus = new TestCorpus();
        corpus.Write("court.txt", Court);
        corpus.Sync();

        var answer = corpus.Answerer().Ask("Which successor to Henry resumed the persecution?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("Louis", answer.Citations[0].Text);
    }

    [Fact]
    public void The_sentence_before_counts_for_more_than_the_sentence_after()
    {
        using var corpus = new TestCorpus();
        corpus.Write("court.txt", Court);
        corpus.Sync();
        var symmetric = TestCorpus.DefaultOptions();
        symmetric.NextCredit = symmetric.PreviousCredit;
        symmetric.NextWeight = 1;

        var shipped = corpus.Answerer().Candidates("Which successor to Henry resumed the persecution?", 2);
        var even = corpus.Answerer(symmetric).Candidates("Which successor to Henry resumed the persecution?", 2);

        Assert.Contains("Louis", shipped[0].Text);
        Assert.Contains("Henry", even[0].Text); // read both ways alike, the longer answer loses to the shorter lead-in
    }

    [Fact]
    public void An_article_s_last_sentence_is_read_with_the_sentence_before_it_like_any_other()
    {
        // The index writes what ranking reads of an article's sentences from the terms it made of them
        // while indexing, and analyses the last sentence apart: that one must get its context too.
        using var corpus = new TestCorpus();
        corpus.Write("harbour.txt", "Harbour report\n\nThe new ferry terminal opened on Monday after three years of work. Its first crossing carried four hundred passengers to the island.");
        corpus.Write("mountains.txt", "Mountain roads\n\nSnow closed the northern roads for a week. The first crossing carried forty passengers.");
        corpus.Sync();
        var withoutContext = TestCorpus.DefaultOptions();
        withoutContext.ContextWeight = 0;
        withoutContext.PreviousCredit = 0;
        withoutContext.NextCredit = 0;

        const string question = "How many passengers did the ferry terminal's first crossing carry?";
        var answer = corpus.Answerer().Ask(question);
        var ownWordsOnly = corpus.Answerer(withoutContext).Candidates(question, 2);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("four hundred passengers", answer.Citations[0].Text);
        // On its own words the other crossing reads as well; "the ferry terminal" before it is what sets it apart.
        var alone = Assert.Single(ownWordsOnly, c => c.Text.Contains("four hundred passengers", StringComparison.Ordinal));
        var other = Assert.Single(ownWordsOnly, c => c.Text.Contains("forty passengers", StringComparison.Ordinal));
        Assert.True(alone.Confidence <= other.Confidence + 0.01, $"{alone.Confidence} against {other.Confidence}");
        Assert.True(answer.Citations[0].Confidence > alone.Confidence + 0.2, $"{answer.Citations[0].Confidence} with its context, {alone.Confidence} without"); // on its own words alone, the other crossing reads as well or better
    }
}
