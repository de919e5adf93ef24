namespace Newsroom.Answers.Indexing;

/// <summary>
/// The index schema: one Lucene document per sentence, carrying everything its citation shows.
/// One document per sentence (rather than per paragraph with offsets) because the sentence is
/// the unit the bot cites and ranks: BM25 length normalisation then works on what is cited,
/// and a hit needs no second pass to find which sentence of a passage matched.
/// </summary>
internal static class SentenceFields
{
    /// <summary>
    /// Bumped whenever analysis, fields or the way the corpus readers read an article change (a
    /// file read differently now would otherwise keep its old sentences until it is edited): an
    /// index of another version is rebuilt from the corpus once, at start-up.
    /// </summary>
    public const string SchemaVersion = "8";

    /// <summary>
    /// The unique id, "key#paragraph.sentence", of sentence <paramref name="sentence"/> of paragraph <paramref name="paragraph"/> in article
    /// <paramref name="articleKey"/>: what a conversation remembers of a quote (computed from the stored article key, paragraph and sentence).
    /// </summary>
    public static string SentenceId(string articleKey, int paragraph, int sentence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{articleKey}#{paragraph}.{sentence}");

    /// <summary>The article key (untokenised, on every sentence; stored on the lead): re-indexing an article replaces all its sentences.</summary>
    public const string Article = "article";

    /// <summary>
    /// The corpus file the article came from (untokenised), when the article's key is not the file's
    /// own: changing or deleting a file replaces all its articles, found by this term and by the
    /// article key equal to the file's. Most files are one article keyed by the file, and a second
    /// term per sentence holding the same key costs indexing time.
    /// </summary>
    public const string File = "file";

    /// <summary>"1" on each article's first sentence (untokenised): one hit per article when listing the archive.</summary>
    public const string Lead = "lead";

    /// <summary>The source in lower case (untokenised), for questions limited to one source ("what did CBS News report…").</summary>
    public const string SourceKey = "source_key";

    /// <summary>Headline (stored and searchable on the article's lead sentence only: see <see cref="Retrieval.StoredSentences"/>).</summary>
    public const string Title = "title";

    /// <summary>Byline (stored and analysed on the lead sentence only).</summary>
    public const string Author = "author";

    /// <summary>Publication (stored and analysed on the lead sentence only).</summary>
    public const string Source = "source";

    /// <summary>Publication date as UTC ticks (Int64, indexed on every sentence for date ranges and sorting, stored on the lead).</summary>
    public const string Published = "published";

    /// <summary>
    /// Trie precision of <see cref="Published"/>: none, one indexed term per sentence (Lucene's default
    /// makes 16, each a posting written for every sentence). A date range then
    /// reads one term per distinct publication time in it: at most one per article, and far fewer for
    /// dates without a time of day, which is how newsrooms date most articles.
    /// </summary>
    public const int PublishedPrecisionStep = int.MaxValue;

    /// <summary>How <see cref="Published"/> is indexed on an article's lead sentence: an Int64 trie of <see cref="PublishedPrecisionStep"/>, stored.</summary>
    public static Lucene.Net.Documents.FieldType PublishedType { get; } = Frozen(new(Lucene.Net.Documents.Int64Field.TYPE_STORED) { NumericPrecisionStep = PublishedPrecisionStep });

    /// <summary>How <see cref="Published"/> is indexed on an article's other sentences: the same trie, not stored (see <see cref="Retrieval.StoredSentences"/>).</summary>
    public static Lucene.Net.Documents.FieldType PublishedIndexedType { get; } = Frozen(new(Lucene.Net.Documents.Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = PublishedPrecisionStep });

    private static Lucene.Net.Documents.FieldType Frozen(Lucene.Net.Documents.FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>Link to the article (stored on the lead sentence).</summary>
    public const string Url = "url";

    /// <summary>Paragraph number in the article, from 1 (stored).</summary>
    public const string Paragraph = "paragraph";

    /// <summary>Sentence number in the paragraph, from 1 (stored).</summary>
    public const string Sentence = "sentence";

    /// <summary>Character offset of the sentence within its paragraph's text (stored): lets a citation be checked against the paragraph.</summary>
    public const string Offset = "offset";

    /// <summary>"caption" for photo captions, absent for body copy (stored).</summary>
    public const string Kind = "kind";

    /// <summary>Photo credit of a caption (stored).</summary>
    public const string Credit = "credit";

    /// <summary>The sentence itself (analysed, stored): what is searched and cited.</summary>
    public const string Text = "text";

    /// <summary>
    /// On an article's last sentence: the headline's analysed terms, then each sentence's place in its
    /// paragraph and analysed terms in order (binary doc values, see <see cref="ArticleTokens"/>):
    /// what ranking reads of a candidate, its neighbours and its headline without re-analysing or
    /// decompressing stored text. An article's sentences are added as one block, so sentence k of
    /// an article is the document k after its lead, the lead is as many documents before the entry
    /// as the entry has sentence lines, less one, and a paragraph's other sentences are the documents
    /// right before and after. On the last sentence, not the lead, because the index writer takes a
    /// block's documents in order: the entry is then written from the terms the writer made of the
    /// sentences before it, instead of analysing every sentence twice.
    /// </summary>
    public const string Terms = "terms";

    /// <summary>
    /// The sentence's meaning vector from the index's <see cref="ISentenceEncoder"/>, if it has one
    /// (binary doc values, see <see cref="SentenceMeaning.ToBytes"/>).
    /// </summary>
    public const string Meaning = "meaning";

    /// <summary>How a source is written in <see cref="SourceKey"/>: lower case, single spaces.</summary>
    public static string SourceKeyOf(string source) => string.Join(' ', source.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
