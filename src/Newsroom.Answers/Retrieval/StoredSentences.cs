using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// Reads sentence documents back with everything their citation shows. What is the same for a
/// whole article (key, headline, byline, source, date, link) is stored once, on its lead sentence, not
/// on every sentence: writing those strings again for each sentence would add about a tenth to the
/// CPU time of indexing.
/// </summary>
internal static class StoredSentences
{
    /// <summary>The stored fields an article's lead sentence carries for all its sentences.</summary>
    public static IReadOnlyCollection<string> ArticleFields { get; } = [SentenceFields.Article, SentenceFields.Title, SentenceFields.Author, SentenceFields.Source, SentenceFields.Published, SentenceFields.Url];

    private static readonly ISet<string> ArticleFieldSet = new HashSet<string>(ArticleFields, StringComparer.Ordinal);

    /// <summary>Sentence <paramref name="doc"/>'s stored fields, with its article's.</summary>
    public static Document Read(IndexSearcher searcher, int doc) => Complete(searcher, doc, searcher.Doc(doc));

    /// <summary>
    /// Adds to <paramref name="document"/>, sentence <paramref name="doc"/>'s own stored fields, its
    /// article's (once: a document that has them is returned as it is), read from the article's
    /// <paramref name="lead"/> sentence, found when the caller does not know it.
    /// </summary>
    public static Document Complete(IndexSearcher searcher, int doc, Document document, int? lead = null)
    {
        if (document.GetField(SentenceFields.Title) is null && (lead ?? LeadOf(searcher.IndexReader, doc)) is var found && found >= 0 && found != doc)
        {
            foreach (var field in searcher.Doc(found, ArticleFieldSet).Fields)
            {
                document.Add(field);
            }
        }

        return document;
    }

    /// <summary>
    /// The lead sentence of the article sentence <paramref name="doc"/> (a top-level document number)
    /// belongs to, found from the article's <see cref="SentenceFields.Terms"/> entry on its last
    /// sentence (an article is one block of documents, in one segment); -1 when there is none.
    /// </summary>
    public static int LeadOf(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var context = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - context.DocBase;
        var last = LastOf(context.AtomicReader.GetDocsWithField(SentenceFields.Terms), local, context.AtomicReader.MaxDoc);
        if (last < 0 || context.AtomicReader.GetBinaryDocValues(SentenceFields.Terms) is not { } entries)
        {
            return -1;
        }

        var entry = new BytesRef();
        entries.Get(last, entry);
        var lead = last - SentencesIn(entry) + 1;
        return lead < 0 || lead > local ? -1 : context.DocBase + lead;
    }

    /// <summary>
    /// Within one segment, the last sentence of the article document <paramref name="local"/> belongs
    /// to: the nearest document at or after it that has a <see cref="SentenceFields.Terms"/> entry
    /// (<paramref name="entries"/>); -1 when there is none.
    /// </summary>
    public static int LastOf(IBits? entries, int local, int maxDoc)
    {
        if (entries is null)
        {
            return -1;
        }

        while (local < maxDoc && !entries.Get(local))
        {
            local++;
        }

        return local < maxDoc ? local : -1;
    }

    /// <summary>How many sentences an article's <see cref="SentenceFields.Terms"/> entry describes (a line each, after the headline's).</summary>
    public static int SentencesIn(BytesRef entry) => entry.Bytes.AsSpan(entry.Offset, entry.Length).Count((byte)'\n');
}
