using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// Text as the index sees it: the analysed terms in order. Indexing writes a sentence's terms into
/// <see cref="SentenceFields.Terms"/> with this, and questions are read with it, so both sides agree.
/// </summary>
public static class AnalysedTerms
{
    /// <summary>
    /// Longest doc-values entry written (bytes of UTF-8). Lucene refuses longer sorted values; a
    /// "sentence" this long is a page without punctuation, and its first terms are plenty to rank by.
    /// </summary>
    public const int MaxStoredBytes = 32_000;

    /// <summary>The analysed terms of <paramref name="text"/> in order (stop words removed, stemmed).</summary>
    public static List<string> Of(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(SentenceFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary><paramref name="terms"/> as one doc-values entry: space-separated UTF-8, cut at a term boundary below <see cref="MaxStoredBytes"/>.</summary>
    public static BytesRef ToBytes(IReadOnlyList<string> terms)
    {
        var joined = string.Join(' ', terms);
        if (System.Text.Encoding.UTF8.GetByteCount(joined) > MaxStoredBytes)
        {
            var cut = joined.LastIndexOf(' ', Math.Min(joined.Length - 1, MaxStoredBytes / 4));
            joined = cut > 0 ? joined[..cut] : string.Empty;
        }

        return new BytesRef(joined);
    }

    /// <summary>Reads a doc-values entry written by <see cref="ToBytes"/> back into terms.</summary>
    public static string[] FromBytes(BytesRef bytes) =>
        bytes.Length == 0 ? [] : bytes.Utf8ToString().Split(' ');
}
