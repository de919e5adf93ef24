using Lucene.Net.Index;
using Lucene.Net.Search;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// What questions about the archive itself read from the index: the newest articles, the articles
/// about a topic, and the sources there are. Thread-safe, like <see cref="ArticleIndex.Search{T}"/>.
/// </summary>
internal sealed class ArchiveListing(ArticleIndex index)
{
    private SourcesCache? _sources;

    /// <summary>
    /// The newest articles <paramref name="filter"/> lets through, most recent first: how many there
    /// are, and the lead sentences of at most <paramref name="count"/> of them but those
    /// <paramref name="shown"/> (article keys), cited and numbered after them.
    /// </summary>
    public (int Total, List<Citation> Leads) Newest(ArchiveFilter filter, int count, IReadOnlyCollection<string> shown)
    {
        var (total, documents) = index.Search(searcher =>
        {
            var lead = new TermQuery(new Term(SentenceFields.Lead, "1"));
            var sort = new Sort(new SortField(SentenceFields.Published, SortFieldType.INT64, true), SortField.FIELD_DOC);
            var hits = searcher.Search(lead, filter.ToLuceneFilter(), count + shown.Count, sort);
            var unseen = hits.ScoreDocs.Select(hit => StoredSentences.Read(searcher, hit.Doc)).Where(document => !shown.Contains(document.Get(SentenceFields.Article) ?? string.Empty));
            return (hits.TotalHits, unseen.Take(count).ToList());
        });
        return (total, documents.Select((document, i) => StoredCitation.From(shown.Count + i + 1, document, confidence: 1, highlights: [])).ToList());
    }

    /// <summary>
    /// The articles with a sentence or a headline on <paramref name="topic"/> among its best
    /// <paramref name="candidates"/> sentences within <paramref name="filter"/>, each once, with its publication time
    /// (<see cref="long.MinValue"/> when it has none).
    /// </summary>
    public List<(string Key, long Published)> ArticlesAbout(string topic, ArchiveFilter filter, int candidates) => index.Search(searcher =>
    {
        var hits = searcher.Search(TopicQuery(topic), filter.ToLuceneFilter(), candidates).ScoreDocs;
        return hits.Select(hit => StoredSentences.Read(searcher, hit.Doc))
            .Select(document => (Key: document.Get(SentenceFields.Article), Published: document.GetField(SentenceFields.Published)?.GetInt64Value() ?? long.MinValue))
            .DistinctBy(article => article.Key)
            .ToList();
    });

    /// <summary>Every source in the index, lower case, longest first (so "CBS News Radio" wins over "CBS News"); the same list object while the index is unchanged.</summary>
    public List<string> Sources() => index.Search(searcher =>
    {
        var cached = Volatile.Read(ref _sources);
        if (cached is not null && ReferenceEquals(cached.Reader, searcher.IndexReader))
        {
            return cached.Sources;
        }

        var sources = new List<string>();
        var terms = MultiFields.GetTerms(searcher.IndexReader, SentenceFields.SourceKey);
        if (terms is not null)
        {
            var iterator = terms.GetEnumerator();
            while (iterator.MoveNext())
            {
                sources.Add(iterator.Term.Utf8ToString());
            }
        }

        var ordered = sources.OrderByDescending(s => s.Length).ToList();
        Volatile.Write(ref _sources, new SourcesCache(searcher.IndexReader, ordered));
        return ordered;
    });

    /// <summary>Any of the topic's analysed words, in a sentence or in a headline.</summary>
    private Query TopicQuery(string topic)
    {
        var query = new BooleanQuery();
        using var stream = index.Analyzer.GetTokenStream(SentenceFields.Text, topic);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            query.Add(new TermQuery(new Term(SentenceFields.Text, term.ToString())), Occur.SHOULD);
            query.Add(new TermQuery(new Term(SentenceFields.Title, term.ToString())), Occur.SHOULD);
        }

        stream.End();
        return query;
    }

    private sealed record SourcesCache(IndexReader Reader, List<string> Sources);
}
