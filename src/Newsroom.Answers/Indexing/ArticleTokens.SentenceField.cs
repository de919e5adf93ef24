using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

internal sealed partial class ArticleTokens
{
    /// <summary>The sentence's text, stored, and analysed by the index writer (recorded) or replayed (when the entry needed it first).</summary>
    private sealed class SentenceField(ArticleTokens article, SentenceSlot sentence) : Field(SentenceFields.Text, sentence.Text, TextField.TYPE_STORED)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer) => sentence.Recorded
            ? new ReplayStream(article._replayAttributes ??= new AttributeSource(), article, sentence)
            : new RecordingFilter(analyzer.GetTokenStream(SentenceFields.Text, sentence.Text), article, sentence);
    }
}
