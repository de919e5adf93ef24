namespace Newsroom.Answers.Answering;

/// <summary>One cited sentence, with everything needed to find and check it in the article.</summary>
/// <param name="Number">1 for the best sentence, 2 for the next…</param>
/// <param name="ArticleKey">The article's key (its path in the corpus).</param>
/// <param name="Title">Headline.</param>
/// <param name="Author">Byline, if known.</param>
/// <param name="Source">Publication, if known.</param>
/// <param name="Published">Publication date, if known.</param>
/// <param name="Url">Link to the article, if known.</param>
/// <param name="Paragraph">Paragraph number in the article, from 1.</param>
/// <param name="Sentence">Sentence number in that paragraph, from 1.</param>
/// <param name="Text">The sentence exactly as indexed.</param>
/// <param name="Highlights">Where the question's words are in <paramref name="Text"/>.</param>
/// <param name="IsCaption">True when the sentence is from a photo caption.</param>
/// <param name="Credit">The photo credit, for captions.</param>
/// <param name="Confidence">Weighted share of the question's terms the sentence contains (0–1).</param>
public sealed record Citation(
    int Number,
    string ArticleKey,
    string Title,
    string? Author,
    string? Source,
    DateTimeOffset? Published,
    string? Url,
    int Paragraph,
    int Sentence,
    string Text,
    IReadOnlyList<TextSpan> Highlights,
    bool IsCaption,
    string? Credit,
    double Confidence)
{
    /// <summary>Where <see cref="Text"/> starts in its paragraph's text (characters from 0): lets a reader or a test check the citation against the paragraph.</summary>
    public int Offset { get; init; }

    /// <summary>Where the sentence is: what a conversation remembers of it.</summary>
    public CitedSentence Cited => new(ArticleKey, Paragraph, Sentence);

    /// <summary>The sentence's id in the index ("key#paragraph.sentence"): what a conversation remembers as shown.</summary>
    public string SentenceId => Cited.Id;
}
