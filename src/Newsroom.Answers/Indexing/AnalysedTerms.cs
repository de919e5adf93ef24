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

    /// <summary><paramref name="terms"/> as one doc-values entry: space-separated UTF-8, cut at a term boundary below <see cref="MaxStoredBytes"/>.</summary>
    public static BytesRef ToBytes(IEnumerable<string> terms) => ToBytes(string.Join(' ', terms));

    /// <summary>
    /// A sentence's <see cref="SentenceFields.Terms"/> entry: its place in its paragraph (index from 0,
    /// sentence count), then its analysed terms, space-separated UTF-8, cut at a term boundary below
    /// <see cref="MaxStoredBytes"/>. One binary value per sentence rather than a second numeric one:
    /// Lucene.Net measures each doc-values writer's memory by reflection on every value added. Written
    /// straight into the one array the entry keeps (indexing writes one per sentence).
    /// </summary>
    public static BytesRef ToBytes(int index, int count, IReadOnlyList<AnalysedToken> tokens)
    {
        Span<byte> place = stackalloc byte[24];
        var placeLength = 0;
        Append(place, ref placeLength, index);
        place[placeLength++] = (byte)' ';
        Append(place, ref placeLength, count);
        var length = placeLength;
        for (var i = 0; i < tokens.Count; i++)
        {
            var termLength = System.Text.Encoding.UTF8.GetByteCount(tokens[i].Term);
            if (length + 1 + termLength > MaxStoredBytes)
            {
                break;
            }

            length += 1 + termLength;
        }

        var bytes = new byte[length];
        place[..placeLength].CopyTo(bytes);
        var at = placeLength;
        for (var i = 0; at < length; i++)
        {
            bytes[at++] = (byte)' ';
            at += System.Text.Encoding.UTF8.GetBytes(tokens[i].Term, bytes.AsSpan(at));
        }

        return new BytesRef(bytes);
    }

    private static void Append(Span<byte> buffer, ref int length, int value)
    {
        value.TryFormat(buffer[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>Reads an entry written by <see cref="ToBytes(int, int, IReadOnlyList{AnalysedToken})"/> back.</summary>
    public static (int Index, int Count, string[] Terms) PlaceAndTermsFromBytes(BytesRef bytes)
    {
        // Read straight from the UTF-8 bytes: ranking reads hundreds of these per question, and
        // decoding the whole entry to one string and splitting it was a fifth of answering time.
        var span = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
        if (!TryReadNumber(ref span, out var index) || !TryReadNumber(ref span, out var count))
        {
            return (0, 1, FromBytes(bytes));
        }

        var terms = new string[span.IsEmpty ? 0 : span.Count((byte)' ') + 1];
        for (var i = 0; i < terms.Length; i++)
        {
            var end = span.IndexOf((byte)' ');
            var term = end < 0 ? span : span[..end];
            terms[i] = System.Text.Encoding.UTF8.GetString(term);
            span = end < 0 ? [] : span[(end + 1)..];
        }

        return (index, count, terms);
    }

    private static bool TryReadNumber(ref Span<byte> span, out int value)
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

    private static BytesRef ToBytes(string joined)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(joined) > MaxStoredBytes)
        {
            var cut = joined.LastIndexOf(' ', Math.Min(joined.Length - 1, MaxStoredBytes / 4));
            joined = cut > 0 ? joined[..cut] : string.Empty;
        }

        return new BytesRef(joined);
    }

    /// <summary>Reads a doc-values entry written by <see cref="ToBytes(IEnumerable{string})"/> back into terms.</summary>
    public static string[] FromBytes(BytesRef bytes) =>
        bytes.Length == 0 ? [] : bytes.Utf8ToString().Split(' ');
}
