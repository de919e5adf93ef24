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
/// Until session 8 every sentence was analysed into a list of tokens first (a string per token),
/// which were then replayed into the index. Letting the writer analyse the text itself used 17 %
/// less CPU (100,000 sentences, seven in-process alternating rounds each, entry left out); with the
/// recording and the entry, indexing a million sentences took 13.0–15.7 s instead of 14.1–17.4 s
/// (CPU 24.0–28.4 s instead of 25.9–31.7 s; three alternating pairs, best of two rounds each).
/// </para>
/// </remarks>
internal sealed class ArticleTokens
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

    /// <summary>One analysed token: where its term is in the character array, its position increment (gaps where stop words were) and its character offsets.</summary>
    private readonly record struct Token(int CharStart, int Length, int Increment, int Start, int End);

    /// <summary>One sentence: its text, its place in its paragraph (index from 0, sentence count) and, once recorded, its tokens.</summary>
    private sealed class SentenceSlot(string text, int index, int paragraphSentences)
    {
        public string Text { get; } = text;

        public int Index { get; } = index;

        public int ParagraphSentences { get; } = paragraphSentences;

        public bool Recorded { get; private set; }

        public int FirstToken { get; private set; }

        public int TokenCount { get; private set; }

        public void Record(int first, int count) => (FirstToken, TokenCount, Recorded) = (first, count, true);
    }

    /// <summary>The sentence's text, stored, and analysed by the index writer (recorded) or replayed (when the entry needed it first).</summary>
    private sealed class SentenceField(ArticleTokens article, SentenceSlot sentence) : Field(SentenceFields.Text, sentence.Text, TextField.TYPE_STORED)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer) => sentence.Recorded
            ? new ReplayStream(article._replayAttributes ??= new AttributeSource(), article, sentence)
            : new RecordingFilter(analyzer.GetTokenStream(SentenceFields.Text, sentence.Text), article, sentence);
    }

    /// <summary>The article's entry, written when the index writer asks for its value.</summary>
    private sealed class EntryField(ArticleTokens article, string title) : Field(SentenceFields.Terms, new BytesRef(), BinaryDocValuesField.TYPE)
    {
        private BytesRef? _bytes;

        public override BytesRef GetBinaryValue() => _bytes ??= article.ToBytes(title);
    }

    /// <summary>The attributes of a token this class keeps: its term, position increment and offsets.</summary>
    private readonly record struct TokenAttributes(ICharTermAttribute Term, IPositionIncrementAttribute Increment, IOffsetAttribute Offset)
    {
        public static TokenAttributes Of(AttributeSource stream) =>
            new(stream.AddAttribute<ICharTermAttribute>(), stream.AddAttribute<IPositionIncrementAttribute>(), stream.AddAttribute<IOffsetAttribute>());
    }

    /// <summary>Passes the analyzer's tokens on unchanged, keeping each in the article's arrays; the sentence is recorded at the end of the stream.</summary>
    private sealed class RecordingFilter : TokenFilter
    {
        private readonly ArticleTokens _article;
        private readonly SentenceSlot _sentence;
        private readonly TokenAttributes _token;
        private int _first;

        public RecordingFilter(TokenStream input, ArticleTokens article, SentenceSlot sentence)
            : base(input) => (_article, _sentence, _token) = (article, sentence, TokenAttributes.Of(this));

        public override void Reset()
        {
            base.Reset();
            _first = _article._tokenCount; // a stream read again (a retried document) records afresh
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            _article.Append(_token.Term, _token.Increment.PositionIncrement, _token.Offset.StartOffset, _token.Offset.EndOffset);
            return true;
        }

        public override void End()
        {
            base.End();
            _sentence.Record(_first, _article._tokenCount - _first);
        }
    }

    /// <summary>
    /// Hands the index a recorded sentence's tokens as they were analysed. Replays of one article share
    /// their attribute instances (Lucene.Net creates attributes by reflection, which cost more than the
    /// replay): they are consumed one after another, as the documents of one <c>AddDocuments</c> call are.
    /// </summary>
    private sealed class ReplayStream : TokenStream
    {
        private readonly ArticleTokens _article;
        private readonly SentenceSlot _sentence;
        private readonly TokenAttributes _token;
        private int _next;

        public ReplayStream(AttributeSource attributes, ArticleTokens article, SentenceSlot sentence)
            : base(attributes) => (_article, _sentence, _token) = (article, sentence, TokenAttributes.Of(this));

        public override bool IncrementToken()
        {
            if (_next >= _sentence.TokenCount)
            {
                return false;
            }

            ClearAttributes();
            var token = _article._tokens[_sentence.FirstToken + _next++];
            _token.Term.CopyBuffer(_article._chars, token.CharStart, token.Length);
            _token.Increment.PositionIncrement = token.Increment;
            _token.Offset.SetOffset(token.Start, token.End);
            return true;
        }

        public override void End()
        {
            base.End();
            _token.Offset.SetOffset(_sentence.Text.Length, _sentence.Text.Length);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
