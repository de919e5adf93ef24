using Newsroom.Answers.Answering;
using Newsroom.Answers.Retrieval;

namespace Newsroom.Answers.Tests;

public sealed class QuestionAnswererTests
{
    [Fact]
    public void Answer_cites_the_sentence_that_lists_the_countries()
    {
        using var corpus = TestCorpus.WithSeed();

        var answer = corpus.Answerer().Ask("Which countries did U.S. officials approach about deportation deals?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        var best = answer.Citations[0];
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", best.Text);
        Assert.Equal("U.S. officials say the Trump administration may soon deport immigrants to Libya.", best.Title);
        Assert.Equal("Camilo Montoya-Galvez", best.Author);
        Assert.Equal((13, 1), (best.Paragraph, best.Sentence));
    }

    [Fact]
    public void A_sentence_deep_in_the_second_article_of_a_file_is_cited_with_that_articles_headline_byline_source_date_and_link()
    {
        using var corpus = new TestCorpus();
        corpus.Write("wire.json", """
            [
              { "headline": "Zoo opens panda house", "byline": "By John Roe", "publisher": "City Times", "published": "June 1, 2025", "link": "https://example.com/zoo",
                "content": ["The city zoo opened a new panda house on Saturday.", "Tickets cost ten dollars for adults.", "The pandas arrived from Chengdu in April."] },
              { "headline": "Bridge closes for repairs", "byline": "By Jane Doe", "publisher": "Harbor Gazette", "published": "June 3, 2025", "link": "https://example.com/bridge",
                "content": ["The harbor bridge closes on Monday.", "Engineers found cracks in two steel girders. Repairs will take six weeks.", "Ferries will run every twenty minutes while the bridge is shut."] }
            ]
            """);
        corpus.Sync();

        var best = corpus.Answerer().Ask("How often will the ferries run while the bridge is shut?").Citations[0];

        Assert.Contains("Ferries will run every twenty minutes", best.Text);
        Assert.Equal((3, 1), (best.Paragraph, best.Sentence));
        Assert.Equal(("Bridge closes for repairs", "Jane Doe", "Harbor Gazette", "https://example.com/bridge"), (best.Title, best.Author, best.Source, best.Url));
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero), best.Published);
        var paragraph = new ArticleLookup(corpus.Index).Paragraph(best.ArticleKey, 2)!;
        Assert.Equal(["Engineers found cracks in two steel girders.", "Repairs will take six weeks."], paragraph.Sentences);
        Assert.Equal(("Bridge closes for repairs", "https://example.com/bridge"), (paragraph.Article.Title, paragraph.Article.Url));
    }

    [Fact]
    public void Matched_words_are_marked_in_the_cited_sentence()
    {
        using var corpus = TestCorpus.WithSeed();

        var best = corpus.Answerer().Ask("Which countries did U.S. officials approach about deportation deals?").Citations[0];

        var marked = best.Highlights.Select(h => best.Text.Substring(h.Start, h.Length)).ToList();
        Assert.Contains("officials", marked);
        Assert.Contains("deportation", marked);
        Assert.Contains("U.S.", marked);
        Assert.DoesNotContain("Angola", marked);
    }

    [Theory]
    [InlineData("What is the recipe for chocolate cake?")]
    [InlineData("Who won the 1998 World Cup final?")]
    public void A_question_the_reporting_does_not_answer_gets_no_citation(string question)
    {
        using var corpus = TestCorpus.WithSeed();

        var answer = corpus.Answerer().Ask(question);

        Assert.Equal(AnswerStatus.NotFound, answer.Status);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public void A_question_that_only_shares_a_common_word_with_the_reporting_gets_no_citation()
    {
        using var corpus = TestCorpus.WithSeed();

        // "Libya" is in almost every sentence; the population is in none.
        var answer = corpus.Answerer().Ask("What is the population of Libya?");

        Assert.Equal(AnswerStatus.NotFound, answer.Status);
    }

    [Theory]
    [InlineData("title:\"x\" AND (")]
    [InlineData("deport* OR ~ ^2 [a TO z] \\ /regex/ ")]
    [InlineData("((((((((((")]
    [InlineData("\"unbalanced")]
    public void Lucene_syntax_is_searched_as_text_and_never_throws(string question)
    {
        using var corpus = TestCorpus.WithSeed();

        var answer = corpus.Answerer().Ask(question);

        Assert.Contains(answer.Status, new[] { AnswerStatus.NotFound, AnswerStatus.NothingToSearch, AnswerStatus.Answered });
    }

    [Theory]
    [InlineData("", AnswerStatus.EmptyQuestion)]
    [InlineData("   \t ", AnswerStatus.EmptyQuestion)]
    [InlineData("🙂🙂🙂", AnswerStatus.NothingToSearch)]
    [InlineData("what is it?", AnswerStatus.NothingToSearch)]
    public void Messages_with_nothing_to_search_say_so(string question, AnswerStatus expected)
    {
        using var corpus = TestCorpus.WithSeed();

        Assert.Equal(expected, corpus.Answerer().Ask(question).Status);
    }

    [Fact]
    public void A_message_longer_than_a_question_is_refused_without_searching()
    {
        using var corpus = TestCorpus.WithSeed();

        var answer = corpus.Answerer().Ask(new string('x', 5000));

        Assert.Equal(AnswerStatus.TooLong, answer.Status);
    }

    [Fact]
    public void No_more_citations_than_configured()
    {
        using var corpus = TestCorpus.WithSeed();
        var options = TestCorpus.DefaultOptions();
        options.MaxCitations = 1;
        options.MinConfidence = 0.1;

        var answer = corpus.Answerer(options).Ask("Trump administration deportation immigrants countries");

        Assert.Single(answer.Citations);
    }

    [Fact]
    public void Citations_come_best_first_and_carry_their_confidence()
    {
        using var corpus = TestCorpus.WithSeed();
        var options = TestCorpus.DefaultOptions();
        options.MinConfidence = 0.2;

        var answer = corpus.Answerer(options).Ask("Trump administration deportation agreements with countries");

        Assert.True(answer.Citations.Count > 1);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.Number));
        Assert.All(answer.Citations, c => Assert.InRange(c.Confidence, 0.2, 1.0));
        Assert.True(answer.Citations[0].Confidence >= answer.Citations[^1].Confidence);
    }

    [Fact]
    public void A_synonym_group_lets_a_question_match_the_reporting_wording()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Talks\n\nThe two governments signed an agreement on fishing rights.\n\nThe weather was cold.");
        corpus.Sync();
        var without = TestCorpus.DefaultOptions();
        without.Synonyms = [];

        var withSynonyms = corpus.Answerer().Ask("Which governments signed a fishing deal?");
        var plain = corpus.Answerer(without).Ask("Which governments signed a fishing deal?");

        Assert.Contains("agreement", withSynonyms.Citations[0].Text);
        Assert.True(withSynonyms.Citations[0].Confidence > (plain.Citations.FirstOrDefault()?.Confidence ?? 0));
    }

    [Fact]
    public void A_photo_caption_is_cited_as_a_caption_with_its_credit()
    {
        using var corpus = TestCorpus.WithSeed();

        var answer = corpus.Answerer().Ask("Where did Libyans walk in Tripoli on April 28, 2025?");

        var best = answer.Citations[0];
        Assert.True(best.IsCaption);
        Assert.Equal("Mahmud Turkia/AFP via Getty Images", best.Credit);
        Assert.DoesNotContain("Getty", best.Text);
    }
}
