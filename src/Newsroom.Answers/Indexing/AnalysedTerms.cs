using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// Text as the index sees it: the analysed terms in order, with the same analyzer for questions,
/// headlines and (<see cref="ArticleTokens"/>) sentences, so both sides agree; and the
/// <see cref="SentenceFields.Terms"/> entries read back.
/// </summary>
internal static class AnalysedTerms
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

    /// <summary>Longest <see cref="SentenceFields.Terms"/> entry written for one article (bytes of UTF-8); later sentences keep their place but no terms.</summary>
    public const int MaxArticleBytes = 4 << 20;

    /// <summary>Reads one sentence's line of an entry written by <see cref="ArticleTokens.Entry"/> back: its place in its paragraph and its terms.</summary>
    public static (int Index, int Count, string[] Terms) PlaceAndTermsFromBytes(ReadOnlySpan<byte> line)
    {
        // Read straight from the UTF-8 bytes: ranking reads hundreds of these per question, and
        // decoding the whole entry to one string and splitting it would be a fifth of answering time.
        if (!TryReadNumber(ref line, out var index) || !TryReadNumber(ref line, out var count))
        {
            return (0, 1, TermsFromBytes(line));
        }

        return (index, count, TermsFromBytes(line));
    }

    /// <summary>Space-separated UTF-8 terms back into strings (empty pieces are skipped).</summary>
    public static string[] TermsFromBytes(ReadOnlySpan<byte> span)
    {
        span = span.Trim((byte)' ');
        var terms = new string[span.IsEmpty ? 0 : span.Count((byte)' ') + 1];
        var found = 0;
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)' ');
            var term = end < 0 ? span : span[..end];
            if (!term.IsEmpty)
            {
                terms[found++] = System.Text.Encoding.UTF8.GetString(term);
            }

            span = end < 0 ? [] : span[(end + 1)..];
        }

        return found == terms.Length ? terms : terms[..found];
    }

    private static bool TryReadNumber(ref ReadOnlySpan<byte> span, out int value)
    {
        value = 0;
        var i = 0;
        while (i < span.Length && span[i] is >= (byte)'0' and <= (byte)'9' && i < 9)
        {
            value = value * 10 + (span[i] - '0');
            i++;
        }

        if (i == 0 || (i < span.Length && span[i] != (byte)' '))
        {
            return false;
        }

        span = i < span.Length ? span[(i + 1)..] : [];
        return true;
    }
}
