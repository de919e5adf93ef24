using Lucene.Net.Index;
using Lucene.Net.Util;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Answering;

/// <summary>
/// What ranking reads of the sentences around a question's candidates, from doc values: each
/// sentence's analysed terms, its place in its paragraph and its headline's terms. Doc values are
/// column-stride and memory-mapped, so reading a few hundred sentences costs microseconds, where
/// loading their stored fields (compressed in blocks) or analysing them again cost milliseconds.
/// One table per question; not thread-safe (it caches what it read).
/// </summary>
internal sealed class SentenceTable
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly Leaf?[] _opened;
    private readonly Dictionary<int, string[]> _terms = [];
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

        AverageLength = sentences == 0 ? 1 : Math.Max(1, (double)totalTerms / sentences);
    }

    /// <summary>Average number of analysed terms in a sentence (BM25's average document length).</summary>
    public double AverageLength { get; }

    /// <summary>The analysed terms of sentence <paramref name="doc"/> (a top-level document number), in order.</summary>
    public string[] Terms(int doc)
    {
        if (!_terms.TryGetValue(doc, out var terms))
        {
            var (leaf, local) = Open(doc);
            if (leaf.Terms is null)
            {
                terms = [];
            }
            else
            {
                leaf.Terms.Get(local, _scratch);
                terms = AnalysedTerms.FromBytes(_scratch);
            }

            _terms[doc] = terms;
        }

        return terms;
    }

    /// <summary>The documents of the paragraph of sentence <paramref name="doc"/>: first and count (an article is one block of documents).</summary>
    public (int First, int Count) Paragraph(int doc)
    {
        var (leaf, local) = Open(doc);
        if (leaf.Place is null)
        {
            return (doc, 1);
        }

        var (index, count) = SentenceFields.ReadPlace(leaf.Place.Get(local));
        return count <= 0 || index >= count ? (doc, 1) : (doc - index, count);
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

    private (Leaf Leaf, int Local) Open(int doc)
    {
        var i = ReaderUtil.SubIndex(doc, _leaves);
        var context = _leaves[i];
        var leaf = _opened[i] ??= new Leaf(
            context.AtomicReader.GetBinaryDocValues(SentenceFields.Terms),
            context.AtomicReader.GetNumericDocValues(SentenceFields.Place),
            context.AtomicReader.GetSortedDocValues(SentenceFields.TitleTerms));
        return (leaf, doc - context.DocBase);
    }

    private sealed record Leaf(BinaryDocValues? Terms, NumericDocValues? Place, SortedDocValues? Titles)
    {
        public Dictionary<int, string[]> TitleCache { get; } = [];
    }
}
