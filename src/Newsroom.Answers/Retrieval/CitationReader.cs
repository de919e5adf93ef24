using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// Reads ranked sentences back as citations: their stored fields, their article's, and where the
/// question's words are in them. Thread-safe: nothing is shared between calls.
/// </summary>
/// <param name="analyzer">The analyzer the sentences were indexed with (highlighting analyses the cited sentence again).</param>
internal sealed class CitationReader(Analyzer analyzer)
{
    /// <summary>The citations of <paramref name="ranked"/>, numbered from <paramref name="firstNumber"/>, with the words of <paramref name="question"/> they say.</summary>
    public List<Citation> Cite(IndexSearcher searcher, SearchableQuestion question, IEnumerable<RankedSentence> ranked, int firstNumber = 1)
    {
        // Only what is cited needs its article's headline, byline and link (stored on its lead sentence).
        return ranked.Select((r, i) => ToCitation(firstNumber + i, StoredSentences.Complete(searcher, r.Doc, r.Document!, r.Lead), r.Text, r.Confidence, question.Query)).ToList();
    }

    /// <summary>The id of the sentence <paramref name="document"/> (its stored fields) holds: see <see cref="SentenceFields.SentenceId"/>.</summary>
    public static string SentenceIdOf(Document document) => SentenceFields.SentenceId(
        document.Get(SentenceFields.Article) ?? string.Empty,
        document.GetField(SentenceFields.Paragraph)?.GetInt32Value() ?? 0,
        document.GetField(SentenceFields.Sentence)?.GetInt32Value() ?? 0);

    private Citation ToCitation(int number, Document document, string sentence, double confidence, Query query) =>
        StoredCitation.From(number, document, confidence, Highlight(sentence, query));

    /// <summary>
    /// Where the question's words are in the sentence, found by Lucene's highlighter with the very
    /// query and analyzer that matched it (so "deportations" is marked for a question about "deport").
    /// </summary>
    private IReadOnlyList<TextSpan> Highlight(string sentence, Query query)
    {
        var spans = new SpanRecorder(sentence);
        var highlighter = new Highlighter(spans, new QueryScorer(query, SentenceFields.Text)) { TextFragmenter = new NullFragmenter() };
        using var tokens = analyzer.GetTokenStream(SentenceFields.Text, sentence);
        highlighter.GetBestTextFragments(tokens, sentence, mergeContiguousFragments: false, maxNumFragments: 1);
        return spans.Spans;
    }

    /// <summary>A highlighter formatter that records where the matches are instead of writing markup: rendering is the channel's job.</summary>
    private sealed class SpanRecorder(string _sentence) : IFormatter
    {
        public List<TextSpan> Spans { get; } = [];

        public string HighlightTerm(string originalText, TokenGroup tokenGroup)
        {
            if (tokenGroup.TotalScore > 0)
            {
                // "U.S." is tokenised as "U.S": the closing period of an abbreviation belongs to the word.
                var end = tokenGroup.EndOffset;
                if (originalText.Contains('.') && end < _sentence.Length && _sentence[end] == '.')
                {
                    end++;
                }

                Spans.Add(new TextSpan(tokenGroup.StartOffset, end - tokenGroup.StartOffset));
            }

            return originalText;
        }
    }
}
