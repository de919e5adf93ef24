namespace Newsroom.Answers.Corpus;

/// <summary>One paragraph of an article.</summary>
/// <param name="Number">Position in the article, from 1, as a reader would count paragraphs.</param>
/// <param name="Text">The paragraph's text, whitespace normalised.</param>
/// <param name="Kind">Body copy or photo caption.</param>
/// <param name="Credit">The photo credit of a caption ("Mahmud Turkia/AFP via Getty Images").</param>
internal sealed record Paragraph(int Number, string Text, ParagraphKind Kind = ParagraphKind.Body, string? Credit = null);
