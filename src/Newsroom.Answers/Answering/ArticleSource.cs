namespace Newsroom.Answers.Answering;

/// <summary>Where an article came from: what "which article is that from?" is answered with.</summary>
/// <param name="ArticleKey">The article's key (its path in the corpus).</param>
/// <param name="Title">Headline.</param>
/// <param name="Author">Byline, if known.</param>
/// <param name="Source">Publication, if known.</param>
/// <param name="Published">Publication date, if known.</param>
/// <param name="Url">Link to the article, if known.</param>
public sealed record ArticleSource(string ArticleKey, string Title, string? Author, string? Source, DateTimeOffset? Published, string? Url);
