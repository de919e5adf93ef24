using Lucene.Net.Index;
using Lucene.Net.Util;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Answering;

/// <summary>
/// What ranking reads of the sentences around a question's candidates, from doc values: each
/// sentence's place in its paragraph and analysed terms, and its headline's terms. Doc values are
/// column-stride and memory-mapped, so reading a few hundred sentences costs microseconds, where
/// loading their stored fields (compressed in blocks) or analysing them again cost milliseconds.
/// One table per question; not thread-safe (it caches what it read).
/// </summary>
internal sealed class SentenceTable
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly Leaf?[] _opened;
    private readonly Dictionary<int, (int Index, int Count, string[] Terms)> _sentences = [];
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
            var (leaf, local) = Open(doc);
            if (leaf.Terms is null)
            {
                sentence = (0, 1, []);
            }
            else
            {
                leaf.Terms.Get(local, _scratch);
                sentence = AnalysedTerms.PlaceAndTermsFromBytes(_scratch);
            }

            _sentences[doc] = sentence;
        }

        return sentence;
    }

    /// <summary>The analysed terms of the headline of sentence <paramref name="doc"/>'s article.</summary>
    public string[] TitleTerms(int doc)
    {
        var (leaf, local) = Open(doc);
        if (leaf.Titles is null)
        {
            return [];
        }

        var ord = leaf.Titles.GetOrd(local);
        if (ord < 0)
        {
            return [];
        }

        if (!leaf.TitleCache.TryGetValue(ord, out var terms))
        {
            leaf.Titles.LookupOrd(ord, _scratch);
            terms = AnalysedTerms.FromBytes(_scratch);
            leaf.TitleCache[ord] = terms;
        }

        return terms;
    }

    /// <summary>
    /// Cosine similarity of a question's meaning vector to sentence <paramref name="doc"/>'s
    /// (<see cref="SentenceFields.Meaning"/>); 0 for a sentence without one.
    /// </summary>
    public double Similarity(float[] question, int doc)
    {
        var (leaf, local) = Open(doc);
        if (leaf.Meaning is null)
        {
            return 0;
        }

        leaf.Meaning.Get(local, _scratch);
        return SentenceMeaning.Similarity(question, _scratch.Bytes.AsSpan(_scratch.Offset, _scratch.Length));
    }

    private (Leaf Leaf, int Local) Open(int doc)
    {
        var i = ReaderUtil.SubIndex(doc, _leaves);
        var context = _leaves[i];
        var leaf = _opened[i] ??= new Leaf(
            context.AtomicReader.GetBinaryDocValues(SentenceFields.Terms),
            context.AtomicReader.GetSortedDocValues(SentenceFields.TitleTerms),
            context.AtomicReader.GetBinaryDocValues(SentenceFields.Meaning));
        return (leaf, doc - context.DocBase);
    }

    private sealed record Leaf(BinaryDocValues? Terms, SortedDocValues? Titles, BinaryDocValues? Meaning)
    {
        public Dictionary<int, string[]> TitleCache { get; } = [];
    }
}
