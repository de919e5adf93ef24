using Lucene.Net.Index;
using Lucene.Net.Util;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// What ranking reads of the sentences around a question's candidates, from doc values: each
/// sentence's place in its paragraph and analysed terms, and its headline's terms (all in one entry
/// on the article's last sentence, see <see cref="SentenceFields.Terms"/>). Doc values are
/// column-stride and memory-mapped, so reading a few hundred sentences costs microseconds, where
/// loading their stored fields (compressed in blocks) or analysing them again cost milliseconds.
/// One table per question; not thread-safe (it caches what it read).
/// </summary>
internal sealed class SentenceTable
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly Leaf?[] _opened;
    private readonly Dictionary<int, (int Index, int Count, string[] Terms)> _sentences = [];
    private readonly Dictionary<int, ArticleTermLines> _articles = [];
    private readonly Dictionary<int, ArticleTermLines?> _articleOf = [];
    private readonly BytesRef _scratch = new();

    public SentenceTable(IndexReader reader)
    {
        _leaves = reader.Leaves;
        _opened = new Leaf?[_leaves.Count];
        long totalTerms = 0, sentences = 0;
        foreach (var leaf in _leaves)
        {
            if (leaf.AtomicReader.GetTerms(SentenceFields.Text) is { } terms)
            {
                totalTerms += Math.Max(terms.SumTotalTermFreq, 0);
                sentences += Math.Max(terms.DocCount, 0);
            }
        }

        Sentences = Math.Max(sentences, 1);
        AverageLength = sentences == 0 ? 1 : Math.Max(1, (double)totalTerms / sentences);
    }

    /// <summary>Sentences with text in the index (at least 1): the document count BM25's idf is taken over.</summary>
    public long Sentences { get; }

    /// <summary>Average number of analysed terms in a sentence (BM25's average document length).</summary>
    public double AverageLength { get; }

    /// <summary>The analysed terms of sentence <paramref name="doc"/> (a top-level document number), in order.</summary>
    public string[] Terms(int doc) => Read(doc).Terms;

    /// <summary>The lead sentence of sentence <paramref name="doc"/>'s article (top-level document number), or -1.</summary>
    public int Lead(int doc) => ArticleOf(doc)?.Lead ?? -1;

    /// <summary>The documents of the paragraph of sentence <paramref name="doc"/>: first and count (an article is one block of documents).</summary>
    public (int First, int Count) Paragraph(int doc)
    {
        var (index, count, _) = Read(doc);
        return count <= 0 || index < 0 || index >= count ? (doc, 1) : (doc - index, count);
    }

    private (int Index, int Count, string[] Terms) Read(int doc)
    {
        if (!_sentences.TryGetValue(doc, out var sentence))
        {
            sentence = (0, 1, []);
            if (ArticleOf(doc) is { } article && article.TryGetLine(1 + doc - article.Lead, out var line))
            {
                sentence = AnalysedTerms.PlaceAndTermsFromBytes(line);
                var lastInArticle = article.Lead + article.Sentences - 1;
                if (sentence.Index < 0 || sentence.Index >= sentence.Count || doc - sentence.Index + sentence.Count - 1 > lastInArticle)
                {
                    sentence = (0, 1, sentence.Terms); // a paragraph must lie within its article
                }
            }

            _sentences[doc] = sentence;
        }

        return sentence;
    }

    /// <summary>The analysed terms of the headline of sentence <paramref name="doc"/>'s article.</summary>
    public string[] TitleTerms(int doc)
    {
        if (ArticleOf(doc) is not { } article)
        {
            return [];
        }

        if (article.Title is null)
        {
            article.Title = article.TryGetLine(0, out var line) ? AnalysedTerms.TermsFromBytes(line) : [];
        }

        return article.Title;
    }

    /// <summary>
    /// Cosine similarity of a question's meaning vector to sentence <paramref name="doc"/>'s
    /// (<see cref="SentenceFields.Meaning"/>); 0 for a sentence without one.
    /// </summary>
    public double Similarity(float[] question, int doc)
    {
        var (leaf, local, _) = Open(doc);
        if (leaf.Meaning is null)
        {
            return 0;
        }

        leaf.Meaning.Get(local, _scratch);
        return SentenceMeaning.Similarity(question, _scratch.Bytes.AsSpan(_scratch.Offset, _scratch.Length));
    }

    /// <summary>
    /// The entry of the article sentence <paramref name="doc"/> belongs to: on the nearest document
    /// at or before it that has one (its lead: an article is one block of documents, all in one segment).
    /// </summary>
    private ArticleTermLines? ArticleOf(int doc)
    {
        // Asked several times per candidate (its terms, paragraph, headline, lead): found once.
        if (!_articleOf.TryGetValue(doc, out var found))
        {
            found = FindArticleOf(doc);
            _articleOf[doc] = found;
        }

        return found;
    }

    private ArticleTermLines? FindArticleOf(int doc)
    {
        var (leaf, local, docBase) = Open(doc);
        if (leaf.Terms is null)
        {
            return null;
        }

        // The entry is on the article's last sentence (see SentenceFields.Terms).
        var last = StoredSentences.LastOf(leaf.HasTerms, local, leaf.MaxDoc);
        if (last < 0)
        {
            return null;
        }

        if (!_articles.TryGetValue(docBase + last, out var article))
        {
            var entry = new BytesRef(); // its own: the table keeps it
            leaf.Terms.Get(last, entry);
            article = new ArticleTermLines(docBase + last, entry);
            _articles[docBase + last] = article;
        }

        return article.Lead <= doc ? article : null;
    }

    private (Leaf Leaf, int Local, int DocBase) Open(int doc)
    {
        var i = ReaderUtil.SubIndex(doc, _leaves);
        var context = _leaves[i];
        var leaf = _opened[i] ??= new Leaf(
            context.AtomicReader.GetBinaryDocValues(SentenceFields.Terms),
            context.AtomicReader.GetDocsWithField(SentenceFields.Terms),
            context.AtomicReader.GetBinaryDocValues(SentenceFields.Meaning),
            context.AtomicReader.MaxDoc);
        return (leaf, doc - context.DocBase, context.DocBase);
    }

    private sealed record Leaf(BinaryDocValues? Terms, IBits? HasTerms, BinaryDocValues? Meaning, int MaxDoc);

    /// <summary>One article's entry (<see cref="ArticleTokens.Entry"/>), read from its last document: line 0 its headline, line 1 + k its sentence k (document <see cref="Lead"/> + k).</summary>
    private sealed class ArticleTermLines
    {
        private readonly BytesRef _bytes;
        private readonly List<int> _starts = [0];

        public ArticleTermLines(int last, BytesRef bytes)
        {
            _bytes = bytes;
            var span = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
            var at = span.IndexOf((byte)'\n');
            while (at >= 0)
            {
                _starts.Add(at + 1);
                var next = span[(at + 1)..].IndexOf((byte)'\n');
                at = next < 0 ? -1 : at + 1 + next;
            }

            Lead = last - Sentences + 1; // the entry is on the last of the article's documents
        }

        /// <summary>The lead sentence's top-level document number.</summary>
        public int Lead { get; }

        /// <summary>How many sentences the entry describes.</summary>
        public int Sentences => _starts.Count - 1;

        /// <summary>The headline's terms, once read.</summary>
        public string[]? Title { get; set; }

        public bool TryGetLine(int line, out ReadOnlySpan<byte> bytes)
        {
            if (line < 0 || line >= _starts.Count)
            {
                bytes = default;
                return false;
            }

            var end = line + 1 < _starts.Count ? _starts[line + 1] - 1 : _bytes.Length;
            bytes = _bytes.Bytes.AsSpan(_bytes.Offset + _starts[line], end - _starts[line]);
            return true;
        }
    }
}
