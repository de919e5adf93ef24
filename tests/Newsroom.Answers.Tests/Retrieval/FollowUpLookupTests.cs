using Newsroom.Answers.Answering;
using Newsroom.Answers.Retrieval;

namespace Newsroom.Answers.Tests;

/// <summary>What conversations need from the library: paging through an answer, and reading articles back by key.</summary>
public sealed class FollowUpLookupTests
{
    /// <summary>The five port sentences of the strike article, the only article of these tests.</summary>
    private static readonly string[] StrikeSentences = Newsroom.Testing.StrikeCorpus.PortSentences[..5];

    private static TestCorpus StrikeCorpus()
    {
        var corpus = new TestCorpus();
        corpus.Write("port-strike.md", Newsroom.Testing.StrikeCorpus.PortStrikeArticle);
        corpus.Sync();
        return corpus;
    }

    [Fact]
    public void Asking_again_without_the_cited_sentences_gives_the_next_best_numbered_on()
    {
        using var corpus = StrikeCorpus();
        var answerer = corpus.Answerer(new AnswerOptions { MaxCitations = 2 });

        var first = answerer.Ask("Which ports joined the strike?");
        var second = answerer.Ask("Which ports joined the strike?", first.Citations.Select(c => c.SentenceId).ToHashSet());

        Assert.Equal([1, 2], first.Citations.Select(c => c.Number));
        Assert.Equal([3, 4], second.Citations.Select(c => c.Number));
        Assert.Empty(first.Citations.Select(c => c.Text).Intersect(second.Citations.Select(c => c.Text)));
    }

    [Fact]
    public void Paging_through_an_answer_shows_what_one_long_answer_would_once_each_then_runs_out()
    {
        using var corpus = StrikeCorpus();
        var answerer = corpus.Answerer(new AnswerOptions { MaxCitations = 2 });
        var oneLongAnswer = corpus.Answerer(new AnswerOptions { MaxCitations = 20 }).Ask("Which ports joined the strike?").Citations;
        var shown = new List<Citation>();

        Answer page;
        while ((page = answerer.Ask("Which ports joined the strike?", shown.Select(c => c.SentenceId).ToHashSet())).Status == AnswerStatus.Answered)
        {
            Assert.InRange(page.Citations.Count, 1, 2);
            shown.AddRange(page.Citations);
            Assert.True(shown.Count <= 20, "paging never ends");
        }

        Assert.Equal(AnswerStatus.NotFound, page.Status);
        Assert.Equal(oneLongAnswer.Select(c => (c.Number, c.SentenceId)), shown.Select(c => (c.Number, c.SentenceId)));
        Assert.Subset(shown.Select(c => c.Text).ToHashSet(), StrikeSentences.ToHashSet());
    }

    [Fact]
    public void A_cited_sentence_id_names_article_paragraph_and_sentence()
    {
        using var corpus = StrikeCorpus();

        var best = corpus.Answerer().Ask("Which ports joined the strike, and Antwerp?").Citations[0];

        Assert.Equal("port-strike.md#2.1", best.SentenceId);
    }

    [Fact]
    public void A_paragraph_comes_back_sentence_by_sentence_with_its_article()
    {
        using var corpus = StrikeCorpus();

        var paragraph = new ArticleLookup(corpus.Index).Paragraph("port-strike.md", 2);

        Assert.NotNull(paragraph);
        Assert.Equal(["The port of Antwerp joined the strike a day later, union leaders said.", "Ships queued outside the locks."], paragraph.Sentences);
        Assert.Equal("Dockworkers strike spreads along the coast", paragraph.Article.Title);
        Assert.False(paragraph.IsCaption);
    }

    [Fact]
    public void A_caption_paragraph_keeps_its_photo_credit()
    {
        using var corpus = TestCorpus.WithSeed();

        var cited = corpus.Answerer().Ask("Martyrs Square in Tripoli").Citations[0];
        var caption = new ArticleLookup(corpus.Index).Paragraph(cited.ArticleKey, cited.Paragraph);

        Assert.NotNull(caption);
        Assert.True(caption.IsCaption);
        Assert.Contains(cited.Text, caption.Sentences);
        Assert.Equal("Mahmud Turkia/AFP via Getty Images", caption.Credit);
    }

    [Theory]
    [InlineData("port-strike.md", 99)]
    [InlineData("no-such-article.md", 1)]
    public void A_paragraph_that_is_not_indexed_is_null(string key, int number)
    {
        using var corpus = StrikeCorpus();

        Assert.Null(new ArticleLookup(corpus.Index).Paragraph(key, number));
    }

    [Fact]
    public void An_articles_source_has_title_byline_publication_date_and_link()
    {
        using var corpus = StrikeCorpus();
        var lookup = new ArticleLookup(corpus.Index);

        var source = lookup.Source("port-strike.md");

        Assert.Equal(
            new ArticleSource("port-strike.md", "Dockworkers strike spreads along the coast", "Jane Doe", "Harbor Gazette",
                new DateTimeOffset(2025, 5, 6, 0, 0, 0, TimeSpan.Zero), "https://example.com/port-strike"),
            source);
        Assert.Null(lookup.Source("gone.md"));
    }
}
