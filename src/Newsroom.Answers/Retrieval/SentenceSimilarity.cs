using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// BM25 whose collection statistics count the documents that have the field (as Lucene 6 and later
/// do), not every document of the index: the index also holds one bookkeeping document per corpus
/// file (<see cref="Indexing.ArticleIndex"/>), which has no sentence text and must not lower the average
/// sentence length or raise every word's idf.
/// </summary>
internal sealed class SentenceSimilarity : BM25Similarity
{
    /// <summary>BM25 with Lucene's defaults (k1 1.2, b 0.75).</summary>
    public SentenceSimilarity()
    {
    }

    /// <summary>BM25 with term-frequency saturation <paramref name="k1"/> and length normalisation <paramref name="b"/>.</summary>
    public SentenceSimilarity(float k1, float b)
        : base(k1, b)
    {
    }

    /// <inheritdoc />
    protected override float AvgFieldLength(CollectionStatistics collectionStats) =>
        collectionStats.SumTotalTermFreq <= 0 ? 1f : (float)(collectionStats.SumTotalTermFreq / (double)Documents(collectionStats));

    /// <inheritdoc />
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats)
    {
        var documents = Documents(collectionStats);
        var idf = Idf(termStats.DocFreq, documents);
        return new Explanation(idf, $"idf(docFreq={termStats.DocFreq}, docCount={documents})");
    }

    /// <inheritdoc />
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats)
    {
        var explanation = new Explanation { Description = "idf(), sum of:" };
        foreach (var stat in termStats)
        {
            var one = IdfExplain(collectionStats, stat);
            explanation.AddDetail(one);
            explanation.Value += one.Value;
        }

        return explanation;
    }

    private static long Documents(CollectionStatistics stats) => stats.DocCount > 0 ? stats.DocCount : Math.Max(stats.MaxDoc, 1);
}
