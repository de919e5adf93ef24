namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>One analysed token: where its term is in the character array, its position increment (gaps where stop words were) and its character offsets.</summary>
    private readonly record struct Token(int CharStart, int Length, int Increment, int Start, int End);
}
