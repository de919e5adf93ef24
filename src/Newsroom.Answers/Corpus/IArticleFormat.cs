namespace Newsroom.Answers.Corpus;

/// <summary>One file format newsroom staff can drop into the corpus.</summary>
internal interface IArticleFormat
{
    /// <summary>File extensions this format reads, lower case with the dot (".txt").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Reads one article. Throws <see cref="ArticleRejectedException"/> when the text is not an article.</summary>
    Article Read(string key, string text);

    /// <summary>
    /// Reads every article in the file. Most formats hold one article per file; collections
    /// (a JSON array, JSON Lines, a feed) hold several, each keyed "file#n" (n counted from 0).
    /// Throws <see cref="ArticleRejectedException"/> when the file holds no article.
    /// </summary>
    IReadOnlyList<Article> ReadAll(string key, string text) => [Read(key, text)];
}
