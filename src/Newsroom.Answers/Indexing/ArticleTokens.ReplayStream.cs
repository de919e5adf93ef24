using Lucene.Net.Analysis;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>
    /// Hands the index a recorded sentence's tokens as they were analysed. Replays of one article share
    /// their attribute instances (Lucene.Net creates attributes by reflection, which cost more than the
    /// replay): they are consumed one after another, as the documents of one <c>AddDocuments</c> call are.
    /// </summary>
    private sealed class ReplayStream : TokenStream
    {
        private readonly ArticleTokens _article;
        private readonly SentenceSlot _sentence;
        private readonly TokenAttributes _token;
        private int _next;

        public ReplayStream(AttributeSource attributes, ArticleTokens article, SentenceSlot sentence)
            : base(attributes) => (_article, _sentence, _token) = (article, sentence, TokenAttributes.Of(this));

        public override bool IncrementToken()
        {
            if (_next >= _sentence.TokenCount)
            {
                return false;
            }

            ClearAttributes();
            var token = _article._tokens[_sentence.FirstToken + _next++];
            _token.Term.CopyBuffer(_article._chars, token.CharStart, token.Length);
            _token.Increment.PositionIncrement = token.Increment;
            _token.Offset.SetOffset(token.Start, token.End);
            return true;
        }

        public override void End()
        {
            base.End();
            _token.Offset.SetOffset(_sentence.Text.Length, _sentence.Text.Length);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
