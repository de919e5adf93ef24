namespace Newsroom.Answers.Corpus;

/// <summary>One article as the newsroom published it, read from one file of the corpus.</summary>
/// <param name="Key">Stable identity of the article: its path relative to the corpus folder, with forward slashes.</param>
/// <param name="Title">The headline.</param>
/// <param name="Author">Byline, when the article has one.</param>
/// <param name="Source">Publication or agency (for example "CBS News"), when known.</param>
/// <param name="Published">Publication date, when known.</param>
/// <param name="Url">Link to the published article, when known.</param>
/// <param name="Paragraphs">The article's paragraphs in order, numbered from 1.</param>
public sealed record Article(
    string Key,
    string Title,
    string? Author,
    string? Source,
    DateTimeOffset? Published,
    string? Url,
    IReadOnlyList<Paragraph> Paragraphs);

/// <summary>What a paragraph is on the page: body copy, or the caption under a photo.</summary>
public enum ParagraphKind
{
    /// <summary>Body copy.</summary>
    Body,

    /// <summary>A photo caption; its credit line is kept apart in <see cref="Paragraph.Credit"/>.</summary>
    Caption,
}

/// <summary>One paragraph of an article.</summary>
/// <param name="Number">Position in the article, from 1, as a reader would count paragraphs.</param>
/// <param name="Text">The paragraph's text, whitespace normalised.</param>
/// <param name="Kind">Body copy or photo caption.</param>
/// <param name="Credit">The photo credit of a caption ("Mahmud Turkia/AFP via Getty Images").</param>
public sealed record Paragraph(int Number, string Text, ParagraphKind Kind = ParagraphKind.Body, string? Credit = null);
