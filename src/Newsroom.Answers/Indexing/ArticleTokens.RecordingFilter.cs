using Lucene.Net.Analysis;

namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>Passes the analyzer's tokens on unchanged, keeping each in the article's arrays; the sentence is recorded at the end of the stream.</summary>
    private sealed class RecordingFilter : TokenFilter
    {
        private readonly ArticleTokens _article;
        private readonly SentenceSlot _sentence;
        private readonly TokenAttributes _token;
        private int _first;

        public RecordingFilter(TokenStream input, ArticleTokens article, SentenceSlot sentence)
            : base(input) => (_article, _sentence, _token) = (article, sentence, TokenAttributes.Of(this));

        public override void Reset()
        {
            base.Reset();
            _first = _article._tokenCount; // a stream read again (a retried document) records afresh
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            _article.Append(_token.Term, _token.Increment.PositionIncrement, _token.Offset.StartOffset, _token.Offset.EndOffset);
            return true;
        }

        public override void End()
        {
            base.End();
            _sentence.Record(_first, _article._tokenCount - _first);
        }
    }
}
