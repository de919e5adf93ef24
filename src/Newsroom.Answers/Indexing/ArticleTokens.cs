using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// One article's sentences as the index analyses them, for its postings and its
/// <see cref="SentenceFields.Terms"/> entry both, each sentence analysed once.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Sentence"/> makes a sentence's text field: when the index writer inverts it, the
/// writer's own analysis runs and the terms are recorded on their way into the postings.
/// <see cref="Entry"/> makes the entry field, for the article's <em>last</em> document: Lucene
/// takes a block's documents in order, so by the time it asks for the entry every earlier
/// sentence has been recorded, and only the last one is analysed for the entry (its postings then
/// replay those tokens). In any other order (a caller reading the fields itself) a sentence not yet
/// recorded is analysed when the entry needs it, and replayed when inverted: the result is the same.
/// </para>
/// <para>
/// The writer analyses each sentence itself, and the terms are recorded on the way: analysing every
/// sentence into a list of tokens first (a string per token) and replaying those into the index
/// costs about a fifth more CPU when indexing.
/// </para>
/// </remarks>
internal sealed partial class ArticleTokens
{
    private readonly Analyzer _analyzer;
    private readonly List<SentenceSlot> _sentences = [];
    private char[] _chars = new char[2048];
    private int _charCount;
    private Token[] _tokens = new Token[256];
    private int _tokenCount;
    private AttributeSource? _replayAttributes;
    private bool _allAscii = true; // as terms almost always are, folded (NewsAnalyzer): a byte each in UTF-8

    /// <summary>An article's tokens, analysed with <paramref name="analyzer"/> (the index's) when the index has not analysed them itself.</summary>
    public ArticleTokens(Analyzer analyzer) => _analyzer = analyzer;

    /// <summary>
    /// The stored and analysed <see cref="SentenceFields.Text"/> field of the article's next sentence,
    /// <paramref name="text"/>, at <paramref name="index"/> (from 0) of the <paramref name="count"/> sentences of its paragraph.
    /// </summary>
    public Field Sentence(string text, int index, int count)
    {
        var slot = new SentenceSlot(text, index, count);
        _sentences.Add(slot);
        return new SentenceField(this, slot);
    }

    /// <summary>
    /// The <see cref="SentenceFields.Terms"/> entry (binary doc values) for the article's last document:
    /// the headline's analysed terms, then each sentence's place and terms (see <see cref="ToBytes"/>).
    /// </summary>
    public Field Entry(string title) => new EntryField(this, title);

    /// <summary>
    /// The entry's bytes: lines of UTF-8 separated by newlines, the headline's analysed terms first,
    /// then one line per sentence in document order, "index count term term…" (each sentence cut at a
    /// term boundary below <see cref="AnalysedTerms.MaxStoredBytes"/>, the whole below
    /// <see cref="AnalysedTerms.MaxArticleBytes"/>). One value per article rather than one per
    /// sentence: Lucene.Net measures a binary doc-values writer's memory by reflection on every value
    /// added (its writing allocated 4.2 kB a sentence with a value per sentence, 3.3 kB with one per article).
    /// </summary>
    private BytesRef ToBytes(string title)
    {
        foreach (var sentence in _sentences)
        {
            if (!sentence.Recorded)
            {
                Analyse(sentence);
            }
        }

        var titleTerms = AnalysedTerms.Of(_analyzer, title);

        // Measure first, then write into one array of the exact size.
        Span<byte> place = stackalloc byte[24];
        var titleKept = 0;
        var length = 0;
        for (; titleKept < titleTerms.Count; titleKept++)
        {
            var termLength = (length > 0 ? 1 : 0) + System.Text.Encoding.UTF8.GetByteCount(titleTerms[titleKept]);
            if (length + termLength > AnalysedTerms.MaxStoredBytes)
            {
                break;
            }

            length += termLength;
        }

        var kept = new int[_sentences.Count];
        for (var s = 0; s < _sentences.Count; s++)
        {
            var sentence = _sentences[s];
            var line = 1 + PlaceLength(place, sentence); // the newline before it, and its place
            var room = Math.Min(AnalysedTerms.MaxStoredBytes, AnalysedTerms.MaxArticleBytes - length);
            var count = 0;
            for (; count < sentence.TokenCount; count++)
            {
                var termLength = 1 + ByteCount(Term(sentence.FirstToken + count));
                if (line + termLength > room)
                {
                    break;
                }

                line += termLength;
            }

            kept[s] = count;
            length += line;
        }

        var bytes = new byte[length];
        var at = 0;
        for (var i = 0; i < titleKept; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)' ';
            }

            at += System.Text.Encoding.UTF8.GetBytes(titleTerms[i], bytes.AsSpan(at));
        }

        for (var s = 0; s < _sentences.Count; s++)
        {
            var sentence = _sentences[s];
            bytes[at++] = (byte)'\n';
            at += PlaceLength(bytes.AsSpan(at), sentence);
            for (var i = 0; i < kept[s]; i++)
            {
                bytes[at++] = (byte)' ';
                at += Write(Term(sentence.FirstToken + i), bytes.AsSpan(at));
            }
        }

        return new BytesRef(bytes);
    }

    /// <summary>Analyses <paramref name="sentence"/> with the index's analyzer and keeps its tokens.</summary>
    private void Analyse(SentenceSlot sentence)
    {
        using var stream = new RecordingFilter(_analyzer.GetTokenStream(SentenceFields.Text, sentence.Text), this, sentence);
        stream.Reset();
        while (stream.IncrementToken())
        {
        }

        stream.End();
    }

    private void Append(ICharTermAttribute term, int increment, int start, int end)
    {
        if (_tokenCount == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        if (_charCount + term.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
        }

        var chars = term.Buffer.AsSpan(0, term.Length);
        _allAscii = _allAscii && System.Text.Ascii.IsValid(chars);
        chars.CopyTo(_chars.AsSpan(_charCount));
        _tokens[_tokenCount++] = new Token(_charCount, term.Length, increment, start, end);
        _charCount += term.Length;
    }

    private int ByteCount(ReadOnlySpan<char> term) => _allAscii ? term.Length : System.Text.Encoding.UTF8.GetByteCount(term);

    private int Write(ReadOnlySpan<char> term, Span<byte> bytes)
    {
        if (_allAscii)
        {
            System.Text.Ascii.FromUtf16(term, bytes, out var written);
            return written;
        }

        return System.Text.Encoding.UTF8.GetBytes(term, bytes);
    }

    private ReadOnlySpan<char> Term(int token) => _chars.AsSpan(_tokens[token].CharStart, _tokens[token].Length);

    private static int PlaceLength(Span<byte> place, SentenceSlot sentence)
    {
        sentence.Index.TryFormat(place, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        place[length++] = (byte)' ';
        sentence.ParagraphSentences.TryFormat(place[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return length + written;
    }
}
