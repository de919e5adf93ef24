namespace Newsroom.Answers.Answering;

/// <summary>One paragraph of an indexed article, sentence by sentence, as it was indexed.</summary>
/// <param name="Article">The article it is from.</param>
/// <param name="Number">Paragraph number in the article, from 1.</param>
/// <param name="Sentences">Its sentences in order; sentence <c>n</c> is at index <c>n - 1</c>.</param>
/// <param name="IsCaption">True for a photo caption.</param>
/// <param name="Credit">The photo credit, for captions.</param>
public sealed record ArticleParagraph(ArticleSource Article, int Number, IReadOnlyList<string> Sentences, bool IsCaption, string? Credit);
