namespace Newsroom.Answers.Corpus;

/// <summary>One file format newsroom staff can drop into the corpus.</summary>
public interface IArticleFormat
{
    /// <summary>File extensions this format reads, lower case with the dot (".txt").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Reads one article. Throws <see cref="ArticleRejectedException"/> when the text is not an article.</summary>
    Article Read(string key, string text);
}
