using Lucene.Net.Documents;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>Reads a citation back from a stored sentence document: one place that knows the stored fields.</summary>
internal static class StoredCitation
{
    /// <summary>The citation of <paramref name="document"/>, numbered <paramref name="number"/>.</summary>
    public static Citation From(int number, Document document, double confidence, IReadOnlyList<TextSpan> highlights)
    {
        var published = document.GetField(SentenceFields.Published)?.GetInt64Value();
        return new Citation(
            number,
            ArticleKey: document.Get(SentenceFields.Article) ?? string.Empty,
            Title: document.Get(SentenceFields.Title) ?? string.Empty,
            Author: document.Get(SentenceFields.Author),
            Source: document.Get(SentenceFields.Source),
            Published: published is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            Url: document.Get(SentenceFields.Url),
            Paragraph: document.GetField(SentenceFields.Paragraph)?.GetInt32Value() ?? 0,
            Sentence: document.GetField(SentenceFields.Sentence)?.GetInt32Value() ?? 0,
            Text: document.Get(SentenceFields.Text) ?? string.Empty,
            Highlights: highlights,
            IsCaption: document.Get(SentenceFields.Kind) == "caption",
            Credit: document.Get(SentenceFields.Credit),
            Confidence: Math.Round(confidence, 3))
        {
            Offset = document.GetField(SentenceFields.Offset)?.GetInt32Value() ?? 0,
        };
    }
}
