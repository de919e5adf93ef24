using Lucene.Net.Index;
using Lucene.Net.Search;
using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// Finds the sentences worth ranking for a question: one BM25 query of its concepts over the
/// sentences (the same work as a plain Lucene search), within a date or source limit when there is
/// one, and the paragraph neighbours of the best hits (a question is often worded from the sentence
/// next to the answer: "In what year did the team move?" where the team is named a sentence earlier).
/// Thread-safe: nothing is shared between calls.
/// </summary>
internal sealed class CandidateSearch(AnswerOptions options)
{
    private readonly SentenceSimilarity _similarity = new((float)options.Bm25K1, (float)options.Bm25B);

    /// <summary>The best BM25 hits for <paramref name="question"/>, at least <see cref="AnswerOptions.Candidates"/> and <paramref name="needed"/> of them when there are.</summary>
    public ScoreDoc[] Hits(IndexReader reader, SearchableQuestion question, TermLookup statistics, Filter? filter, int needed)
    {
        // Same norms as the index's BM25 (Lucene encodes only the length), other k1 and b: a searcher
        // is cheap to make, and the shared one's similarity must not change under other callers.
        var query = CandidateQuery.Retrieval(question.Concepts, statistics, options.CommonWordSentences);
        return new IndexSearcher(reader) { Similarity = _similarity }.Search(query, filter, Math.Max(options.Candidates, needed)).ScoreDocs;
    }

    /// <summary>
    /// The candidates: the hits, and the paragraph neighbours of the best <see cref="AnswerOptions.NeighbourCandidates"/>
    /// of them. A neighbour only joins when the filter (a date range, a source) would have let it
    /// through: it is the same article, and filters are per article.
    /// </summary>
    public List<int> WithNeighbours(ScoreDoc[] hits, SentenceTable table)
    {
        var candidates = new List<int>(hits.Length * 2);
        var seen = new HashSet<int>();
        foreach (var hit in hits)
        {
            if (seen.Add(hit.Doc))
            {
                candidates.Add(hit.Doc);
            }
        }

        for (var h = 0; h < Math.Min(options.NeighbourCandidates, hits.Length); h++)
        {
            var (first, count) = table.Paragraph(hits[h].Doc);
            foreach (var neighbour in new[] { hits[h].Doc - 1, hits[h].Doc + 1 })
            {
                if (neighbour >= first && neighbour < first + count && seen.Add(neighbour))
                {
                    candidates.Add(neighbour);
                }
            }
        }

        return candidates;
    }
}
