using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>The article's entry, written when the index writer asks for its value.</summary>
    private sealed class EntryField(ArticleTokens article, string title) : Field(SentenceFields.Terms, new BytesRef(), BinaryDocValuesField.TYPE)
    {
        private BytesRef? _bytes;

        public override BytesRef GetBinaryValue() => _bytes ??= article.ToBytes(title);
    }
}
