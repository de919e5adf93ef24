using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Where a cited sentence is: what a conversation remembers of a quote to page past it ("more"),
/// show its paragraph ("context") or record feedback on it.
/// </summary>
/// <param name="ArticleKey">The article's key (its path in the corpus).</param>
/// <param name="Paragraph">Paragraph number in the article, from 1.</param>
/// <param name="Sentence">Sentence number in that paragraph, from 1.</param>
public readonly record struct CitedSentence(string ArticleKey, int Paragraph, int Sentence)
{
    /// <summary>The sentence's id, "key#paragraph.sentence": the same for the same sentence across restarts and re-indexing.</summary>
    public string Id => SentenceFields.SentenceId(ArticleKey, Paragraph, Sentence);
}
