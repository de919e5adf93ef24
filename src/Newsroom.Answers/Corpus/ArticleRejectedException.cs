namespace Newsroom.Answers.Corpus;

/// <summary>
/// A corpus file that cannot be read as an article. The message says why in words newsroom
/// staff can act on ("the file is empty", "not a text file").
/// </summary>
internal sealed class ArticleRejectedException(string reason) : Exception(reason);
