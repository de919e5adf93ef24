using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Tests;

/// <summary>Questions about the archive itself, and questions limited by date or source.</summary>
public sealed class ArchiveQuestionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);

    private static TestCorpus Archive()
    {
        var corpus = new TestCorpus();
        corpus.Write("archive.json", """
            [
              { "title": "Libya talks stall", "author": "Jane Doe", "source": "CBS News", "date": "2025-03-10", "url": "https://example.com/1",
                "body": "Talks on Libya stalled in March as both sides walked out." },
              { "title": "Deportation flights to Libya planned", "author": "Camilo Montoya-Galvez", "source": "CBS News", "date": "2025-05-06", "url": "https://example.com/2",
                "body": "Officials planned deportation flights to Libya in May." },
              { "title": "Port strike ends", "author": "Ann Lee", "source": "Harbor Gazette", "date": "2025-05-20", "url": "https://example.com/3",
                "body": "The port strike ended after six days.\n\nLibya was not mentioned by the dockworkers." },
              { "title": "Deportation court ruling", "source": "Harbor Gazette", "date": "2025-06-12", "url": "https://example.com/4",
                "body": "A judge paused deportation flights on Thursday." }
            ]
            """);
        corpus.Sync();
        return corpus;
    }

    /// <summary>"Story 0" to "Story <paramref name="count"/> - 1", one a day from 1 January 2025.</summary>
    private static TestCorpus Stories(int count)
    {
        var corpus = new TestCorpus();
        for (var i = 0; i < count; i++)
        {
            corpus.Write($"a{i:00}.md", $"---\ntitle: Story {i}\ndate: 2025-01-{i + 1:00}\n---\nThe council met for the {i}th time.\n");
        }

        corpus.Sync();
        return corpus;
    }

    private static ArchiveQuestions Router(TestCorpus corpus) =>
        new(corpus.Answerer(), corpus.Index, TestCorpus.DefaultOptions(), new FixedClock(Now));

    [Fact]
    public void What_articles_do_you_have_lists_headlines_most_recent_first()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("What articles do you have?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal(["Deportation court ruling", "Port strike ends", "Deportation flights to Libya planned", "Libya talks stall"], answer.Citations.Select(c => c.Title));
        Assert.StartsWith("I have 4 articles", answer.Heading);
    }

    [Fact]
    public void A_listing_is_capped_and_says_how_many_there_are()
    {
        using var corpus = Stories(ArchiveQuestions.MaxListed + 3);

        var answer = Router(corpus).Ask("which stories are there?");

        Assert.Equal(ArchiveQuestions.MaxListed, answer.Citations.Count);
        Assert.Equal($"Story {ArchiveQuestions.MaxListed + 2}", answer.Citations[0].Title);
        Assert.Contains($"{ArchiveQuestions.MaxListed + 3} articles", answer.Heading);
    }

    [Fact]
    public void Latest_on_a_topic_cites_the_most_recent_articles_about_it_first()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("latest on Libya");

        Assert.Equal(["Port strike ends", "Deportation flights to Libya planned"], answer.Citations.Take(2).Select(c => c.Title));
        Assert.All(answer.Citations, c => Assert.Contains("Libya", c.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Citations, c => c.Title == "Deportation court ruling");
    }

    [Fact]
    public void More_after_a_listing_lists_the_next_older_articles_and_then_says_there_are_none()
    {
        using var corpus = Stories(ArchiveQuestions.MaxListed + 3);
        var router = Router(corpus);
        var first = router.Ask("which stories are there?");

        var next = router.More("which stories are there?", first.Scope!, first.Citations.Select(c => c.ArticleKey).ToHashSet());

        Assert.Equal(["Story 2", "Story 1", "Story 0"], next.Citations.Select(c => c.Title));
        Assert.Equal([11, 12, 13], next.Citations.Select(c => c.Number));
        Assert.Empty(next.Citations.Select(c => c.ArticleKey).Intersect(first.Citations.Select(c => c.ArticleKey)));
        var shown = first.Citations.Concat(next.Citations).Select(c => c.ArticleKey).ToHashSet();
        Assert.Equal(AnswerStatus.NotFound, router.More("which stories are there?", first.Scope!, shown).Status);
    }

    [Fact]
    public void More_after_latest_on_a_topic_cites_older_articles_about_it()
    {
        using var corpus = new TestCorpus();
        for (var i = 0; i < 5; i++)
        {
            corpus.Write($"c{i}.md", $"---\ntitle: Council meeting {i}\ndate: 2025-02-{i + 1:00}\n---\nThe council voted on the harbour budget, meeting {i}.\n");
        }

        corpus.Write("other.md", "---\ntitle: Port strike\ndate: 2025-03-01\n---\nDockworkers stopped work at the port.\n");
        corpus.Sync();
        var router = Router(corpus);
        var first = router.Ask("latest on the harbour budget");

        var next = router.More("latest on the harbour budget", first.Scope!, first.Citations.Select(c => c.ArticleKey).ToHashSet());

        Assert.Equal(["Council meeting 4", "Council meeting 3", "Council meeting 2"], first.Citations.Select(c => c.Title));
        Assert.Equal(["Council meeting 1", "Council meeting 0"], next.Citations.Select(c => c.Title));
        Assert.Equal([4, 5], next.Citations.Select(c => c.Number));
        Assert.StartsWith("Older reporting on the harbour budget", next.Heading);
    }

    [Fact]
    public void A_question_limited_to_a_month_cites_only_what_was_published_then()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("What did we report in May 2025 about deportations?");

        var citation = Assert.Single(answer.Citations);
        Assert.Equal("Deportation flights to Libya planned", citation.Title);
        Assert.Contains("in May 2025", answer.Heading);
    }

    [Fact]
    public void A_question_limited_to_a_source_cites_only_that_source()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("What did Harbor Gazette report about deportation flights?");

        Assert.Equal("Deportation court ruling", Assert.Single(answer.Citations).Title);
        Assert.Contains("from Harbor Gazette", answer.Heading);
    }

    [Fact]
    public void Last_month_is_counted_from_today()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("deportation flights last month");

        Assert.Equal("Deportation flights to Libya planned", Assert.Single(answer.Citations).Title);
    }

    [Fact]
    public void Nothing_in_the_period_says_so_instead_of_citing_another_period()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("What did we report in January 2024 about Libya?");

        Assert.Equal(AnswerStatus.NotFound, answer.Status);
        Assert.Contains("January 2024", answer.Heading);
    }

    [Theory]
    [InlineData("What has troubled Libya since 2011?")]
    [InlineData("Has Libya been in turmoil since the civil war of 2011?")]
    public void A_date_that_says_when_something_happened_is_part_of_the_question_not_a_limit_on_our_coverage(string question)
    {
        // The seed article has no date: read as "published since 2011", it would be filtered out.
        using var corpus = TestCorpus.WithSeed();

        var answer = new ArchiveQuestions(corpus.Answerer(), corpus.Index, TestCorpus.DefaultOptions()).Ask(question);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Null(answer.Scope);
        Assert.Contains("2011", answer.Citations[0].Text);
    }

    [Fact]
    public void Since_limits_the_archive_when_the_question_is_about_our_coverage()
    {
        using var corpus = Archive();

        var answer = Router(corpus).Ask("Any stories about deportation flights since January 2024?");

        Assert.NotNull(answer.Scope);
        Assert.Contains("since", answer.Heading, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_ordinary_question_is_answered_as_before()
    {
        using var corpus = TestCorpus.WithSeed();

        var routed = new ArchiveQuestions(corpus.Answerer(), corpus.Index, TestCorpus.DefaultOptions()).Ask("Which countries may receive deported immigrants?");
        var direct = corpus.Answerer().Ask("Which countries may receive deported immigrants?");

        Assert.Equal(direct.Citations.Select(c => c.Text), routed.Citations.Select(c => c.Text));
        Assert.Null(routed.Heading);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
