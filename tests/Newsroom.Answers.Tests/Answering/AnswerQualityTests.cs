using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Tests;

/// <summary>How the answering reads questions and orders sentences, on tiny corpora and the seed article.</summary>
public sealed class AnswerQualityTests
{
    [Fact]
    public void A_question_worded_differently_from_the_text_is_answered_with_its_sentence()
    {
        using var corpus = TestCorpus.WithSeed();

        // The reporting says "deportation … operated by the U.S. military"; "removing" reaches
        // "deportation" through the shipped synonyms, "involved in" only frames the question.
        var answer = corpus.Answerer(TestCorpus.ShippedOptions()).Ask("Is the military involved in removing people to Libya?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("operated by the U.S. military", answer.Citations[0].Text);
    }

    [Fact]
    public void A_citation_says_where_its_sentence_starts_in_the_paragraph()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Port strike\n\nThe strike began on Monday. Dockworkers walked out at dawn. The port was closed by noon.");
        corpus.Sync();

        var best = corpus.Answerer().Ask("When did the dockworkers walk out?").Citations[0];

        Assert.Equal("Dockworkers walked out at dawn.", best.Text);
        Assert.Equal("The strike began on Monday. ".Length, best.Offset);
    }

    [Fact]
    public void Candidates_are_ranked_past_the_confidence_threshold_in_the_order_Ask_cites_them()
    {
        using var corpus = TestCorpus.WithSeed();
        var answerer = corpus.Answerer();
        const string question = "Which countries did U.S. officials approach about deportation deals?";

        var cited = answerer.Ask(question).Citations;
        var candidates = answerer.Candidates(question, 10);

        Assert.Equal(10, candidates.Count);
        Assert.Equal(cited.Select(c => c.Text), candidates.Take(cited.Count).Select(c => c.Text));
        Assert.Contains(candidates, c => c.Confidence < TestCorpus.DefaultOptions().MinConfidence);
        Assert.Equal(Enumerable.Range(1, 10), candidates.Select(c => c.Number));
    }

    [Fact]
    public void A_when_question_prefers_the_sentence_with_the_date_over_one_that_repeats_the_question()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge\n\nThe new bridge over the river was opened by the mayor.\n\nThe mayor opened the bridge in 1998, after six years of work.");
        corpus.Sync();

        var best = corpus.Answerer().Ask("When did the mayor open the bridge?").Citations[0];

        Assert.Contains("1998", best.Text);
    }

    [Fact]
    public void A_how_many_question_is_about_its_topic_not_the_word_many()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Harbour\n\nMany ships use the harbour in summer.\n\nThe harbour has 42 berths for cargo ships.");
        corpus.Sync();

        var best = corpus.Answerer().Ask("How many berths does the harbour have?").Citations[0];

        Assert.Contains("42 berths", best.Text);
    }

    [Fact]
    public void A_how_many_question_prefers_a_count_over_a_year()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Harbour\n\nThe harbour opened its new cargo berths in 2019.\n\nThe harbour now has forty cargo berths along the quay, the port authority says.");
        corpus.Sync();

        var best = corpus.Answerer().Ask("How many cargo berths does the harbour have?").Citations[0];

        Assert.Contains("forty", best.Text);
    }

    [Fact]
    public void A_sentence_whose_neighbour_names_the_subject_is_found()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Clubs\n\nThe Rovers were founded by dockers. The club moved to a new ground in 1921.\n\nThe Wanderers play in blue.");
        corpus.Sync();

        var best = corpus.Answerer().Ask("When did the Rovers move to a new ground?").Citations[0];

        Assert.Equal("The club moved to a new ground in 1921.", best.Text);
    }
}
