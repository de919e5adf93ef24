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
    public static List<string> Of(Analyzer analyzer, string text) => Tokens(analyzer, text).Select(token => token.Term).ToList();

    /// <summary>The analysed tokens of <paramref name="text"/>, with what indexing needs to replay them (see <see cref="Replay"/>).</summary>
    public static List<AnalysedToken> Tokens(Analyzer analyzer, string text)
    {
        // About one token per six characters of English: sized so the list rarely grows (indexing allocates
        // ~10 kB a sentence, and collections were a large share of it: tests/Benchmarks --breakdown).
        var tokens = new List<AnalysedToken>(text.Length / 6 + 4);
        using var stream = analyzer.GetTokenStream(SentenceFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new AnalysedToken(term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>
    /// A token stream that hands the index <paramref name="tokens"/> as they were analysed: a
    /// sentence is analysed once, for its <see cref="SentenceFields.Terms"/> and its postings both
    /// (analysis is the largest share of indexing time: tests/Benchmarks --breakdown). Streams made
    /// with the same <paramref name="attributes"/> share their attribute instances (Lucene.Net creates
    /// attributes by reflection, which cost more than the replay): they must be consumed one after
    /// another, as the documents of one <c>AddDocuments</c> call are.
    /// </summary>
    public static TokenStream Replay(AttributeSource attributes, IReadOnlyList<AnalysedToken> tokens, int textLength) => new ReplayStream(attributes, tokens, textLength);

    /// <summary>One analysed token: its term, position increment (gaps where stop words were) and character offsets.</summary>
    public readonly record struct AnalysedToken(string Term, int Increment, int Start, int End);

    private sealed class ReplayStream : TokenStream
    {
        private readonly IReadOnlyList<AnalysedToken> _tokens;
        private readonly int _textLength;
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private int _next;

        public ReplayStream(AttributeSource attributes, IReadOnlyList<AnalysedToken> tokens, int textLength)
            : base(attributes)
        {
            _tokens = tokens;
            _textLength = textLength;
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _tokens.Count)
            {
                return false;
            }

            ClearAttributes();
            var token = _tokens[_next++];
            _term.SetEmpty().Append(token.Term);
            _increment.PositionIncrement = token.Increment;
            _offset.SetOffset(token.Start, token.End);
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(_textLength, _textLength);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }

    /// <summary>Longest <see cref="SentenceFields.Terms"/> entry written for one article (bytes of UTF-8); later sentences keep their place but no terms.</summary>
    public const int MaxArticleBytes = 4 << 20;

    /// <summary>One sentence of an article's <see cref="SentenceFields.Terms"/> entry: its place in its paragraph (index from 0, sentence count) and its analysed tokens.</summary>
    public readonly record struct SentenceTerms(int Index, int Count, IReadOnlyList<AnalysedToken> Tokens);

    /// <summary>
    /// An article's <see cref="SentenceFields.Terms"/> entry, kept on its lead sentence: lines of
    /// UTF-8 separated by newlines, the headline's analysed terms first, then one line per sentence in
    /// document order, "index count term term…" (each sentence cut at a term boundary below
    /// <see cref="MaxStoredBytes"/>). One value per article rather than one per sentence: Lucene.Net
    /// measures a binary doc-values writer's memory by reflection on every value added (Lucene's
    /// writing allocated 4.2 kB a sentence with a value per sentence, 3.3 kB with one per article).
    /// Written straight into the one array the entry keeps.
    /// </summary>
    public static BytesRef ArticleToBytes(IReadOnlyList<string> titleTerms, IReadOnlyList<SentenceTerms> sentences)
    {
        // Measure first, then write into one array of the exact size.
        Span<byte> place = stackalloc byte[24];
        var titleKept = Fit(titleTerms, 0, out var length);
        var kept = new int[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            var line = 1 + PlaceLength(place, sentences[s]); // the newline before it, and its place
            kept[s] = Fit(new TermList(sentences[s].Tokens), line, out line, MaxArticleBytes - length);
            length += line;
        }

        var bytes = new byte[length];
        var at = Write(bytes, 0, titleTerms, titleKept, separateFirst: false);
        for (var s = 0; s < sentences.Count; s++)
        {
            bytes[at++] = (byte)'\n';
            var placeLength = PlaceLength(place, sentences[s]);
            place[..placeLength].CopyTo(bytes.AsSpan(at));
            at = Write(bytes, at + placeLength, new TermList(sentences[s].Tokens), kept[s], separateFirst: true);
        }

        return new BytesRef(bytes);
    }

    /// <summary>
    /// How many of <paramref name="terms"/> fit, each after a space (the first too when
    /// <paramref name="used"/> is not 0), in a line already <paramref name="used"/> bytes long, below
    /// <see cref="MaxStoredBytes"/> and <paramref name="room"/>; <paramref name="length"/> is the line's length with them.
    /// </summary>
    private static int Fit(IReadOnlyList<string> terms, int used, out int length, int room = int.MaxValue)
    {
        length = used;
        for (var i = 0; i < terms.Count; i++)
        {
            var termLength = (length > 0 ? 1 : 0) + System.Text.Encoding.UTF8.GetByteCount(terms[i]);
            if (length + termLength > Math.Min(MaxStoredBytes, room))
            {
                return i;
            }

            length += termLength;
        }

        return terms.Count;
    }

    private static int Write(byte[] bytes, int at, IReadOnlyList<string> terms, int count, bool separateFirst)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0 || separateFirst)
            {
                bytes[at++] = (byte)' ';
            }

            at += System.Text.Encoding.UTF8.GetBytes(terms[i], bytes.AsSpan(at));
        }

        return at;
    }

    private static int PlaceLength(Span<byte> place, SentenceTerms sentence)
    {
        var placeLength = 0;
        Append(place, ref placeLength, sentence.Index);
        place[placeLength++] = (byte)' ';
        Append(place, ref placeLength, sentence.Count);
        return placeLength;
    }

    /// <summary>The terms of a sentence's tokens, as a list (no copy).</summary>
    private readonly struct TermList(IReadOnlyList<AnalysedToken> tokens) : IReadOnlyList<string>
    {
        public string this[int index] => tokens[index].Term;

        public int Count => tokens.Count;

        public IEnumerator<string> GetEnumerator() => tokens.Select(token => token.Term).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static void Append(Span<byte> buffer, ref int length, int value)
    {
        value.TryFormat(buffer[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>Reads one sentence's line of an entry written by <see cref="ArticleToBytes"/> back: its place in its paragraph and its terms.</summary>
    public static (int Index, int Count, string[] Terms) PlaceAndTermsFromBytes(ReadOnlySpan<byte> line)
    {
        // Read straight from the UTF-8 bytes: ranking reads hundreds of these per question, and
        // decoding the whole entry to one string and splitting it was a fifth of answering time.
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
