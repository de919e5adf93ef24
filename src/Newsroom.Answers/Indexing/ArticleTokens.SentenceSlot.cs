namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>One sentence: its text, its place in its paragraph (index from 0, sentence count) and, once recorded, its tokens.</summary>
    private sealed class SentenceSlot(string text, int index, int paragraphSentences)
    {
        public string Text { get; } = text;

        public int Index { get; } = index;

        public int ParagraphSentences { get; } = paragraphSentences;

        public bool Recorded { get; private set; }

        public int FirstToken { get; private set; }

        public int TokenCount { get; private set; }

        public void Record(int first, int count) => (FirstToken, TokenCount, Recorded) = (first, count, true);
    }
}
