using Lucene.Net.Index;
using Lucene.Net.Search;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>How a date or source limit (<see cref="ArchiveFilter"/>) narrows the sentences searched: filters are per article, so a sentence and its neighbours pass or fail together.</summary>
internal static class CandidateFilter
{
    /// <summary>The Lucene filter for <paramref name="limit"/> (null when nothing is limited): a numeric range on the date, a term on the source.</summary>
    public static Filter? ToLuceneFilter(this ArchiveFilter limit)
    {
        if (limit.IsEmpty)
        {
            return null;
        }

        var query = new BooleanQuery();
        if (limit.Dates is { } dates)
        {
            query.Add(NumericRangeQuery.NewInt64Range(SentenceFields.Published, SentenceFields.PublishedPrecisionStep, dates.From?.UtcTicks, dates.Until?.UtcTicks, true, false), Occur.MUST);
        }

        if (limit.Source is not null)
        {
            query.Add(new TermQuery(new Term(SentenceFields.SourceKey, SentenceFields.SourceKeyOf(limit.Source))), Occur.MUST);
        }

        return new QueryWrapperFilter(query);
    }

    /// <summary>The filter for the sentences of article <paramref name="articleKey"/> that <paramref name="limit"/> lets through.</summary>
    public static Filter WithinArticle(this ArchiveFilter limit, string articleKey) =>
        limit.ToLuceneFilter() is { } filter
            ? new QueryWrapperFilter(new BooleanQuery { { new TermQuery(new Term(SentenceFields.Article, articleKey)), Occur.MUST }, { new ConstantScoreQuery(filter), Occur.MUST } })
            : new QueryWrapperFilter(new TermQuery(new Term(SentenceFields.Article, articleKey)));
}
