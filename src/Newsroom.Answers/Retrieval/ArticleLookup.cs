using Lucene.Net.Index;
using Lucene.Net.Search;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// Reads articles back out of the index by key: a paragraph around a cited sentence, or an
/// article's headline, byline, date and link. The stored documents of its sentences carry all of it, so
/// a follow-up needs neither the corpus folder nor a second store, and shows exactly the text that
/// was cited (even if the file has since changed on disk and not yet been re-indexed).
/// Thread-safe, like <see cref="ArticleIndex.Search{T}"/>.
/// </summary>
internal sealed class ArticleLookup(ArticleIndex index)
{
    /// <summary>Paragraph <paramref name="number"/> of article <paramref name="articleKey"/>, or null when the index has no such paragraph.</summary>
    public ArticleParagraph? Paragraph(string articleKey, int number)
    {
        ArgumentNullException.ThrowIfNull(articleKey);
        var documents = index.Search(searcher => Documents(searcher, articleKey, doc => doc.GetField(SentenceFields.Paragraph)?.GetInt32Value() == number));
        // The headline, byline and link are stored once per article, on its lead sentence.
        if (documents.Count == 0 || Source(articleKey) is not { } source)
        {
            return null;
        }

        var ordered = documents.OrderBy(doc => doc.GetField(SentenceFields.Sentence)?.GetInt32Value() ?? 0).ToList();
        var first = ordered[0];
        return new ArticleParagraph(
            source,
            number,
            ordered.Select(doc => doc.Get(SentenceFields.Text) ?? string.Empty).ToList(),
            first.Get(SentenceFields.Kind) == "caption",
            first.Get(SentenceFields.Credit));
    }

    /// <summary>The headline, byline, source, date and link of article <paramref name="articleKey"/>, or null when it is not indexed.</summary>
    public ArticleSource? Source(string articleKey)
    {
        ArgumentNullException.ThrowIfNull(articleKey);
        return index.Search(searcher =>
        {
            var lead = new BooleanQuery { { new TermQuery(new Term(SentenceFields.Article, articleKey)), Occur.MUST }, { new TermQuery(new Term(SentenceFields.Lead, "1")), Occur.MUST } };
            var hits = searcher.Search(lead, 1).ScoreDocs;
            return hits.Length == 0 ? null : ToSource(StoredSentences.Read(searcher, hits[0].Doc));
        });
    }

    /// <summary>
    /// The headline of the first article in the index (the lowest document number among the lead
    /// sentences, which all score alike), or null when the index is empty.
    /// </summary>
    public string? FirstHeadline() =>
        index.Search(searcher => searcher.Search(new TermQuery(new Term(SentenceFields.Lead, "1")), 1).ScoreDocs is [var first, ..]
            ? searcher.Doc(first.Doc).Get(SentenceFields.Title)
            : null);

    private static List<LuceneDocument> Documents(IndexSearcher searcher, string articleKey, Func<LuceneDocument, bool> keep)
    {
        // Every sentence of one article (a few hundred at most): collected without a top-N queue,
        // whose size would otherwise have to be guessed or set to the whole index.
        var collector = new AllDocuments();
        searcher.Search(new TermQuery(new Term(SentenceFields.Article, articleKey)), collector);
        return collector.Ids.Select(searcher.Doc).Where(keep).ToList();
    }

    private static ArticleSource ToSource(LuceneDocument document)
    {
        var published = document.GetField(SentenceFields.Published)?.GetInt64Value();
        return new ArticleSource(
            document.Get(SentenceFields.Article) ?? string.Empty,
            document.Get(SentenceFields.Title) ?? string.Empty,
            document.Get(SentenceFields.Author),
            document.Get(SentenceFields.Source),
            published is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            document.Get(SentenceFields.Url));
    }

    private sealed class AllDocuments : ICollector
    {
        private int _docBase;

        public List<int> Ids { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc) => Ids.Add(_docBase + doc);

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
            // Scores are not needed: every sentence of the article is kept.
        }
    }
}
