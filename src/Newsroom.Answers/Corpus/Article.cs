namespace Newsroom.Answers.Corpus;

/// <summary>One article as the newsroom published it, read from one file of the corpus.</summary>
/// <param name="Key">Stable identity of the article: its path relative to the corpus folder, with forward slashes.</param>
/// <param name="Title">The headline.</param>
/// <param name="Author">Byline, when the article has one.</param>
/// <param name="Source">Publication or agency (for example "CBS News"), when known.</param>
/// <param name="Published">Publication date, when known.</param>
/// <param name="Url">Link to the published article, when known.</param>
/// <param name="Paragraphs">The article's paragraphs in order, numbered from 1.</param>
internal sealed record Article(
    string Key,
    string Title,
    string? Author,
    string? Source,
    DateTimeOffset? Published,
    string? Url,
    IReadOnlyList<Paragraph> Paragraphs);
