using Lucene.Net.Index;
using Lucene.Net.Search;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// The query of a question's concepts over the analysed sentence text. It is built from analysed
/// terms, never parsed, so whatever a user types (<c>title:"x" AND (</c>, emoji, any script) is only text.
/// </summary>
internal static class CandidateQuery
{
    /// <summary>
    /// Retrieval: one BM25 query of the question's concepts over the sentences (the same work as a
    /// plain Lucene search); everything else is decided on the candidates it returns, from doc values.
    /// </summary>
    public static BooleanQuery Build(IReadOnlyList<Concept> concepts, TermLookup? statistics = null)
    {
        // At most MaxConcepts concepts, each with a handful of alternatives: far below
        // BooleanQuery's 1,024-clause limit.
        var query = new BooleanQuery();
        foreach (var concept in concepts)
        {
            var either = new BooleanQuery();
            foreach (var alternative in concept.Alternatives)
            {
                either.Add(Alternative(SentenceFields.Text, alternative, statistics), Occur.SHOULD);
            }

            query.Add(either.Clauses.Count == 1 ? either.Clauses[0].Query : either, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>
    /// The query that retrieves the candidates: the BM25 query of the concepts, where a concept said
    /// by more than <see cref="AnswerOptions.CommonWordSentences"/> sentences ("said", "year",
    /// "government" in a large archive) adds its score to the sentences that say one of the
    /// question's rarer concepts but does not retrieve sentences on its own. A sentence it retrieves
    /// scores exactly as under the plain query; Lucene does not walk the common words' long
    /// postings lists, only skips through them (a quarter less CPU per answer over HTTP at 1,000,000
    /// sentences). It is the idea of Lucene's CommonTermsQuery, which takes single terms, not
    /// concepts with synonyms and phrases. A concept the archive never says retrieves nothing either
    /// way; when no concept it says is rare, or none is common, this is the plain query.
    /// </summary>
    public static BooleanQuery Retrieval(IReadOnlyList<Concept> concepts, TermLookup statistics, int commonWordSentences)
    {
        var plain = Build(concepts, statistics);
        var limit = commonWordSentences;
        if (limit <= 0 || concepts.Count < 2)
        {
            return plain;
        }

        var rare = new BooleanQuery();
        var common = new List<Query>();
        for (var i = 0; i < concepts.Count; i++)
        {
            var sentences = statistics.Frequency(concepts[i]);
            if (sentences > limit)
            {
                common.Add(plain.Clauses[i].Query);
            }
            else if (sentences > 0)
            {
                rare.Add(plain.Clauses[i].Query, Occur.SHOULD);
            }
        }

        if (rare.Clauses.Count == 0 || common.Count == 0)
        {
            return plain;
        }

        var query = new BooleanQuery { { rare.Clauses.Count == 1 ? rare.Clauses[0].Query : rare, Occur.MUST } };
        foreach (var clause in common)
        {
            query.Add(clause, Occur.SHOULD);
        }

        return query;
    }

    private static Query Alternative(string field, string[] terms, TermLookup? statistics)
    {
        if (terms.Length == 1)
        {
            return statistics is null ? new TermQuery(new Term(field, terms[0])) : new TermQuery(new Term(field, terms[0]), statistics.Of(terms[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }

        return phrase;
    }
}
