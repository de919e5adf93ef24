using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Answers a question with the sentences of the reporting that say it, best first, or says there
/// are none. Retrieval is BM25 over sentences; the query is built from analysed terms, never
/// parsed, so whatever a user types (<c>title:"x" AND (</c>, emoji, any script) is only text.
/// Each candidate's confidence is the idf-weighted share of the question's concepts it contains:
/// a sentence that repeats the question's most common word ("Libya") but not what is actually
/// asked ("population") stays below the threshold, and the bot says it couldn't find that.
/// Thread-safe: the index hands out searchers, and nothing here is shared between calls.
/// </summary>
public sealed class QuestionAnswerer
{
    private readonly ArticleIndex _index;
    private readonly AnswerOptions _options;
    private readonly QuestionReader _reader;

    /// <summary>Answers from <paramref name="index"/> with <paramref name="options"/>.</summary>
    public QuestionAnswerer(ArticleIndex index, AnswerOptions options)
    {
        _index = index;
        _options = options;
        _reader = new QuestionReader(index.Analyzer, options.Synonyms);
    }

    /// <summary>Answers <paramref name="question"/>. Never throws for any text.</summary>
    public Answer Ask(string? question)
    {
        var text = (question ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return Answer.Without(text, AnswerStatus.EmptyQuestion);
        }

        if (text.Length > _options.MaxQuestionLength)
        {
            return Answer.Without(text, AnswerStatus.TooLong);
        }

        var concepts = _reader.Concepts(_reader.Terms(text));
        if (concepts.Count == 0)
        {
            return Answer.Without(text, AnswerStatus.NothingToSearch);
        }

        var query = BuildQuery(concepts);
        var citations = _index.Search(searcher => Rank(searcher, concepts, query));
        return citations.Count == 0
            ? Answer.Without(text, AnswerStatus.NotFound)
            : new Answer(text, AnswerStatus.Answered, citations);
    }

    private static Query BuildQuery(IReadOnlyList<Concept> concepts)
    {
        // A question has at most a few dozen concepts (MaxQuestionLength bounds it), far below
        // BooleanQuery's 1,024-clause limit.
        var query = new BooleanQuery();
        foreach (var concept in concepts)
        {
            var either = new BooleanQuery();
            foreach (var alternative in concept.Alternatives)
            {
                either.Add(AlternativeQuery(alternative), Occur.SHOULD);
            }

            query.Add(either.Clauses.Count == 1 ? either.Clauses[0].Query : either, Occur.SHOULD);
        }

        return query;
    }

    private static Query AlternativeQuery(string[] terms)
    {
        if (terms.Length == 1)
        {
            return new TermQuery(new Term(SentenceFields.Text, terms[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var term in terms)
        {
            phrase.Add(new Term(SentenceFields.Text, term));
        }

        return phrase;
    }

    private List<Citation> Rank(IndexSearcher searcher, IReadOnlyList<Concept> concepts, Query query)
    {
        var hits = searcher.Search(query, _options.Candidates).ScoreDocs;
        if (hits.Length == 0)
        {
            return [];
        }

        var weights = concepts.Select(concept => Weight(searcher.IndexReader, concept)).ToArray();
        var totalWeight = weights.Sum();
        var topScore = hits[0].Score;
        var candidates = new List<(Lucene.Net.Documents.Document Document, double Confidence, double Score)>(hits.Length);
        foreach (var hit in hits)
        {
            var document = searcher.Doc(hit.Doc);
            var terms = _reader.Terms(document.Get(SentenceFields.Text) ?? string.Empty);
            var termSet = new HashSet<string>(terms, StringComparer.Ordinal);
            var covered = 0.0;
            for (var i = 0; i < concepts.Count; i++)
            {
                if (concepts[i].IsIn(terms, termSet))
                {
                    covered += weights[i];
                }
            }

            var confidence = totalWeight > 0 ? covered / totalWeight : 0;
            // Confidence decides the order first (a sentence that says more of what was asked is
            // the better citation); BM25 breaks near-ties (rarer words, shorter sentences).
            candidates.Add((document, confidence, 0.7 * confidence + 0.3 * hit.Score / topScore));
        }

        var seenText = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var citations = new List<Citation>();
        foreach (var (document, confidence, _) in candidates.OrderByDescending(c => c.Score))
        {
            if (citations.Count == _options.MaxCitations || confidence < _options.MinConfidence)
            {
                break;
            }

            var sentence = document.Get(SentenceFields.Text) ?? string.Empty;
            if (!seenText.Add(sentence))
            {
                continue; // the same sentence in two articles (a story and its update) is cited once
            }

            citations.Add(ToCitation(citations.Count + 1, document, sentence, confidence, query));
        }

        return citations;
    }

    /// <summary>
    /// BM25's idf of the concept's most common alternative: rare words weigh more, and a concept
    /// the corpus never mentions weighs most of all (the reporting cannot be about it).
    /// </summary>
    private static double Weight(IndexReader reader, Concept concept)
    {
        var documents = Math.Max(reader.NumDocs, 1);
        var frequency = concept.Alternatives.Max(alternative => alternative.Min(term => reader.DocFreq(new Term(SentenceFields.Text, term))));
        return Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    }

    private Citation ToCitation(int number, Lucene.Net.Documents.Document document, string sentence, double confidence, Query query)
    {
        var published = document.GetField(SentenceFields.Published)?.GetInt64Value();
        return new Citation(
            number,
            ArticleKey: document.Get(SentenceFields.Article) ?? string.Empty,
            Title: document.Get(SentenceFields.Title) ?? string.Empty,
            Author: document.Get(SentenceFields.Author),
            Source: document.Get(SentenceFields.Source),
            Published: published is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            Url: document.Get(SentenceFields.Url),
            Paragraph: document.GetField(SentenceFields.Paragraph)?.GetInt32Value() ?? 0,
            Sentence: document.GetField(SentenceFields.Sentence)?.GetInt32Value() ?? 0,
            Text: sentence,
            Highlights: Highlight(sentence, query),
            IsCaption: document.Get(SentenceFields.Kind) == "caption",
            Credit: document.Get(SentenceFields.Credit),
            Confidence: Math.Round(confidence, 3));
    }

    /// <summary>
    /// Where the question's words are in the sentence, found by Lucene's highlighter with the very
    /// query and analyzer that matched it (so "deportations" is marked for a question about "deport").
    /// </summary>
    private IReadOnlyList<TextSpan> Highlight(string sentence, Query query)
    {
        var spans = new SpanRecorder(sentence);
        var highlighter = new Highlighter(spans, new QueryScorer(query, SentenceFields.Text)) { TextFragmenter = new NullFragmenter() };
        using var tokens = _index.Analyzer.GetTokenStream(SentenceFields.Text, sentence);
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
