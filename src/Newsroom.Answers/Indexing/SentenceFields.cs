namespace Newsroom.Answers.Indexing;

/// <summary>
/// The index schema: one Lucene document per sentence, carrying everything its citation shows.
/// One document per sentence (rather than per paragraph with offsets) because the sentence is
/// the unit the bot cites and ranks: BM25 length normalisation then works on what is cited,
/// and a hit needs no second pass to find which sentence of a passage matched.
/// </summary>
public static class SentenceFields
{
    /// <summary>Bumped whenever analysis or fields change: an index of another version is rebuilt from the corpus.</summary>
    public const string SchemaVersion = "2";

    /// <summary>Unique sentence id, "key#paragraph.sentence" (untokenised).</summary>
    public const string Id = "id";

    /// <summary>The article key (untokenised): re-indexing an article replaces all its sentences.</summary>
    public const string Article = "article";

    /// <summary>Headline (analysed, stored).</summary>
    public const string Title = "title";

    /// <summary>Byline (analysed, stored).</summary>
    public const string Author = "author";

    /// <summary>Publication (analysed, stored).</summary>
    public const string Source = "source";

    /// <summary>Publication date as UTC ticks (stored).</summary>
    public const string Published = "published";

    /// <summary>Link to the article (stored).</summary>
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

    /// <summary>The sentence with the one before and the one after it in its paragraph (analysed, not stored): what "it" and "the team" refer to is usually named right there.</summary>
    public const string Window = "window";

    /// <summary>The sentence's paragraph (analysed, not stored): context that the sentence alone may lack.</summary>
    public const string Context = "context";
}
