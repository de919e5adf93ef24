using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>The attributes of a token this class keeps: its term, position increment and offsets.</summary>
    private readonly record struct TokenAttributes(ICharTermAttribute Term, IPositionIncrementAttribute Increment, IOffsetAttribute Offset)
    {
        public static TokenAttributes Of(AttributeSource stream) =>
            new(stream.AddAttribute<ICharTermAttribute>(), stream.AddAttribute<IPositionIncrementAttribute>(), stream.AddAttribute<IOffsetAttribute>());
    }
}
