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
}
