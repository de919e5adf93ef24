namespace Newsroom.Answers.Corpus;

/// <summary>What a paragraph is on the page: body copy, or the caption under a photo.</summary>
internal enum ParagraphKind
{
    /// <summary>Body copy.</summary>
    Body,

    /// <summary>A photo caption; its credit line is kept apart in <see cref="Paragraph.Credit"/>.</summary>
    Caption,
}
