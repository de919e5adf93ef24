using Newsroom.Answers.Corpus;

namespace Newsroom.Answers.Tests;

public sealed class SentenceSplitterTests
{
    private readonly SentenceSplitter _splitter = new();

    [Theory]
    [InlineData("U.S. officials say the plan may start soon. Others disagree.", "U.S. officials say the plan may start soon.")]
    [InlineData("Mr. Smith met Gen. Jones on Jan. 5 in Washington. They talked.", "Mr. Smith met Gen. Jones on Jan. 5 in Washington.")]
    [InlineData("Sen. Warren and Rep. Lee spoke to Dr. Patel in St. Louis. It rained.", "Sen. Warren and Rep. Lee spoke to Dr. Patel in St. Louis.")]
    [InlineData("The rate rose 3.5 percent in the U.S. Army survey. It was a record.", "The rate rose 3.5 percent in the U.S. Army survey.")]
    public void Abbreviations_in_news_copy_do_not_end_a_sentence(string paragraph, string first)
    {
        var sentences = _splitter.Split(paragraph);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(first, sentences[0]);
    }

    [Fact]
    public void A_quotation_ending_a_sentence_stays_with_it()
    {
        var sentences = _splitter.Split("He said, \"We will not go back.\" Then he left the room.");

        Assert.Equal(["He said, \"We will not go back.\"", "Then he left the room."], sentences);
    }

    [Fact]
    public void A_stray_closing_quote_joins_the_sentence_before_it()
    {
        var sentences = _splitter.Split("It warns of “crime, terrorism and armed conflict.” ” Then it ends.");

        Assert.Equal(2, sentences.Count);
        Assert.EndsWith("conflict.” ”", sentences[0]);
    }

    [Fact]
    public void Every_sentence_of_the_seed_article_is_a_real_sentence()
    {
        var article = new PlainTextFormat().Read("seed.txt", TestCorpus.SeedText);

        var sentences = article.Paragraphs.SelectMany(p => _splitter.Split(p.Text)).ToList();

        // 14 paragraphs, one of them three sentences long: nothing glued together, nothing cut short.
        Assert.Equal(16, sentences.Count);
        Assert.All(sentences, s => Assert.Matches(@"[.?!][”""]?( ”)?$", s));
        Assert.Contains(sentences, s => s.StartsWith("According to documents", StringComparison.Ordinal) && s.EndsWith("Moldova and Rwanda.", StringComparison.Ordinal));
    }
}
