using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
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
    /// <summary>At most this many concepts of one message are searched for (far above any real question, far below Lucene's clause limit).</summary>
    internal const int MaxConcepts = 64;

    private readonly ArticleIndex _index;
    private readonly AnswerOptions _options;
    private readonly QuestionReader _reader;
    private readonly BM25Similarity _similarity;

    /// <summary>Answers from <paramref name="index"/> with <paramref name="options"/>.</summary>
    public QuestionAnswerer(ArticleIndex index, AnswerOptions options)
    {
        _index = index;
        _options = options;
        _reader = new QuestionReader(index.Analyzer, options.Synonyms);
        _similarity = new BM25Similarity((float)options.Bm25K1, (float)options.Bm25B);
    }

    /// <summary>Answers <paramref name="question"/>. Never throws for any text.</summary>
    public Answer Ask(string? question) => Ask(question, filter: null, []);

    /// <summary>
    /// Answers <paramref name="question"/> from the sentences <paramref name="filter"/> lets through
    /// (a date range, a source: see <see cref="ArchiveFilter"/>). Never throws for any text.
    /// </summary>
    public Answer Ask(string? question, Filter? filter) => Ask(question, filter, []);

    /// <summary>
    /// Answers <paramref name="question"/> again without the sentences already cited (their
    /// <see cref="Citation.SentenceId"/>s): the next best sentences, numbered after them. This is
    /// how a conversation pages through an answer ("more") without repeating itself; when nothing
    /// good enough is left the status is <see cref="AnswerStatus.NotFound"/>.
    /// </summary>
    public Answer Ask(string? question, IReadOnlyCollection<string> alreadyCited) => Ask(question, filter: null, alreadyCited);

    /// <summary>Answers <paramref name="question"/> from the sentences <paramref name="filter"/> lets through, without those in <paramref name="alreadyCited"/>.</summary>
    public Answer Ask(string? question, Filter? filter, IReadOnlyCollection<string> alreadyCited)
    {
        ArgumentNullException.ThrowIfNull(alreadyCited);
        var text = (question ?? string.Empty).Trim();
        var (status, asked) = Read(text);
        if (asked is null)
        {
            return Answer.Without(text, status);
        }

        var citations = _index.Search(searcher =>
        {
            // Sentences cited before keep their place in the ranking, so the pool is widened by as
            // many: the next page is drawn from as many fresh candidates as the first.
            var ranked = Rank(searcher, asked, filter, extraCandidates: alreadyCited.Count)
                .Where(r => alreadyCited.Count == 0 || !alreadyCited.Contains(r.Document.Get(SentenceFields.Id) ?? string.Empty));
            return Cite(searcher, asked, ranked.TakeWhile(r => r.Confidence >= _options.MinConfidence).Take(_options.MaxCitations), firstNumber: alreadyCited.Count + 1);
        });
        return citations.Count == 0
            ? Answer.Without(text, AnswerStatus.NotFound)
            : new Answer(text, AnswerStatus.Answered, citations);
    }

    /// <summary>
    /// The best <paramref name="count"/> sentences for <paramref name="question"/> in the order
    /// <see cref="Ask(string?)"/> would cite them, each with its confidence, whether or not it reaches
    /// <see cref="AnswerOptions.MinConfidence"/>. <see cref="Ask(string?)"/> cites a prefix of this list;
    /// evaluation reads further down it. Empty when the question has nothing to search.
    /// </summary>
    public IReadOnlyList<Citation> Candidates(string? question, int count)
    {
        var (_, asked) = Read((question ?? string.Empty).Trim());
        if (asked is null || count <= 0)
        {
            return [];
        }

        return _index.Search(searcher => Cite(searcher, asked, Rank(searcher, asked).Take(count)));
    }

    private (AnswerStatus Status, Question? Question) Read(string text)
    {
        if (text.Length == 0)
        {
            return (AnswerStatus.EmptyQuestion, null);
        }

        if (text.Length > _options.MaxQuestionLength)
        {
            return (AnswerStatus.TooLong, null);
        }

        var concepts = _reader.Concepts(_reader.Terms(AnswerCue.TopicOf(text)));
        if (concepts.Count == 0)
        {
            concepts = _reader.Concepts(_reader.Terms(text)); // "How many?" alone: the frame is all there is
        }

        if (concepts.Count > MaxConcepts)
        {
            // A pasted article is not a question: its first words say what it is about, and
            // Lucene refuses queries of more than 1,024 clauses (found by the hostile-input tests).
            concepts = concepts.GetRange(0, MaxConcepts);
        }

        return concepts.Count == 0
            ? (AnswerStatus.NothingToSearch, null)
            : (AnswerStatus.Answered, new Question(text, concepts, AnswerCue.KindOf(text), AnswerCue.WordsOf(text)));
    }

    /// <summary>
    /// Retrieval: one BM25 query over the sentence, its paragraph and its article's headline
    /// (the paragraph and headline boosted down: they say what the sentence is about, not what it
    /// says). A question is often worded from the sentences around the answer ("In what year did
    /// the team move?" where the team is named a sentence earlier); the paragraph lets those
    /// sentences still be found, and the sentence-level terms then decide which one is cited.
    /// </summary>
    private Query BuildQuery(IReadOnlyList<Concept> concepts)
    {
        var query = new BooleanQuery();
        query.Add(FieldQuery(concepts, SentenceFields.Text, 1f), Occur.SHOULD);
        if (_options.ContextWeight > 0)
        {
            query.Add(FieldQuery(concepts, SentenceFields.Context, (float)_options.ContextWeight), Occur.SHOULD);
        }

        if (_options.ProximityWeight > 0)
        {
            // Consecutive question words that stay close in the sentence ("prospective bride",
            // "scoring lead"): the question was likely worded from that very sentence.
            var pairs = new BooleanQuery { Boost = (float)_options.ProximityWeight };
            for (var i = 0; i + 1 < concepts.Count; i++)
            {
                if (concepts[i].Alternatives is [[var first]] && concepts[i + 1].Alternatives is [[var second]])
                {
                    var pair = new PhraseQuery { Slop = _options.ProximitySlop };
                    pair.Add(new Term(SentenceFields.Text, first));
                    pair.Add(new Term(SentenceFields.Text, second));
                    pairs.Add(pair, Occur.SHOULD);
                }
            }

            if (pairs.Clauses.Count > 0)
            {
                query.Add(pairs, Occur.SHOULD);
            }
        }

        if (_options.WindowWeight > 0)
        {
            query.Add(FieldQuery(concepts, SentenceFields.Window, (float)_options.WindowWeight), Occur.SHOULD);
        }

        if (_options.TitleWeight > 0)
        {
            query.Add(FieldQuery(concepts, SentenceFields.Title, (float)_options.TitleWeight), Occur.SHOULD);
        }

        return query;
    }

    private static BooleanQuery FieldQuery(IReadOnlyList<Concept> concepts, string field, float boost)
    {
        // At most MaxConcepts concepts, each with a handful of alternatives: far below
        // BooleanQuery's 1,024-clause limit.
        var query = new BooleanQuery { Boost = boost };
        foreach (var concept in concepts)
        {
            var either = new BooleanQuery();
            foreach (var alternative in concept.Alternatives)
            {
                either.Add(AlternativeQuery(field, alternative), Occur.SHOULD);
            }

            query.Add(either.Clauses.Count == 1 ? either.Clauses[0].Query : either, Occur.SHOULD);
        }

        return query;
    }

    private static Query AlternativeQuery(string field, string[] terms)
    {
        if (terms.Length == 1)
        {
            return new TermQuery(new Term(field, terms[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }

        return phrase;
    }

    /// <summary>
    /// Re-ranks the BM25 candidates. Each gets a confidence: the idf-weighted share of the
    /// question's concepts it says, where a concept said only by its paragraph or headline counts
    /// for <see cref="AnswerOptions.ContextCredit"/> of one said by the sentence itself. The order
    /// is that confidence, the BM25 score (rarer words, shorter sentences) and the answer-type cue.
    /// </summary>
    private List<Ranked> Rank(IndexSearcher searcher, Question question, Filter? filter = null, int extraCandidates = 0)
    {
        var query = BuildQuery(question.Concepts);
        // Same norms as the index's BM25 (Lucene encodes only the length), other k1 and b: a searcher
        // is cheap to make, and the shared one's similarity must not change under other callers.
        var hits = new IndexSearcher(searcher.IndexReader) { Similarity = _similarity }.Search(query, filter, _options.Candidates + extraCandidates).ScoreDocs;
        if (hits.Length == 0)
        {
            return [];
        }

        var reader = searcher.IndexReader;
        var concepts = question.Concepts;
        var weights = concepts.Select(concept => Weight(reader, concept)).ToArray();
        var totalWeight = weights.Sum();
        var docIds = hits.Select(h => h.Doc).ToArray();
        var inWindow = concepts.Select(c => Containing(reader, SentenceFields.Window, c, docIds)).ToArray();
        var inContext = concepts.Select(c => Containing(reader, SentenceFields.Context, c, docIds)).ToArray();
        var inTitle = concepts.Select(c => Containing(reader, SentenceFields.Title, c, docIds)).ToArray();
        var topScore = hits[0].Score;

        // How much of each concept each candidate says: 1 in the sentence, a credit in its
        // neighbours, paragraph or headline, 0 if nowhere.
        var said = new double[hits.Length, concepts.Count];
        var documents = new Lucene.Net.Documents.Document[hits.Length];
        var sentences = new string[hits.Length];
        for (var h = 0; h < hits.Length; h++)
        {
            var doc = hits[h].Doc;
            documents[h] = searcher.Doc(doc);
            sentences[h] = documents[h].Get(SentenceFields.Text) ?? string.Empty;
            var terms = _reader.Terms(sentences[h]);
            var termSet = new HashSet<string>(terms, StringComparer.Ordinal);
            for (var i = 0; i < concepts.Count; i++)
            {
                said[h, i] = concepts[i].IsIn(terms, termSet) ? 1
                    : inWindow[i].Contains(doc) ? _options.WindowCredit
                    : inContext[i].Contains(doc) || inTitle[i].Contains(doc) ? _options.ContextCredit
                    : 0;
            }
        }

        var ranked = new List<Ranked>(hits.Length);
        for (var h = 0; h < hits.Length; h++)
        {
            var covered = 0.0;
            for (var i = 0; i < concepts.Count; i++)
            {
                covered += said[h, i] * weights[i];
            }

            var confidence = totalWeight > 0 ? covered / totalWeight : 0;
            var cue = question.Kind != AnswerKind.Unknown && AnswerCue.Holds(question.Kind, sentences[h], question.Words) ? 1.0 : 0.0;
            var score = _options.CoverageWeight * confidence + (1 - _options.CoverageWeight) * hits[h].Score / topScore + _options.AnswerTypeWeight * cue;
            ranked.Add(new Ranked(hits[h].Doc, documents[h], sentences[h], confidence, score, hits[h].Score));
        }

        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Bm25.CompareTo(a.Bm25));

        // The same sentence in two articles (a story and its update) is cited once.
        var seenText = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return ranked.Where(r => seenText.Add(r.Text)).ToList();
    }

    /// <summary>Which of <paramref name="docIds"/> have every term of some alternative of <paramref name="concept"/> in <paramref name="field"/>.</summary>
    private static HashSet<int> Containing(IndexReader reader, string field, Concept concept, int[] docIds)
    {
        var found = new HashSet<int>();
        var liveDocs = MultiFields.GetLiveDocs(reader);
        foreach (var alternative in concept.Alternatives)
        {
            HashSet<int>? all = null;
            foreach (var term in alternative)
            {
                var with = new HashSet<int>();
                var postings = MultiFields.GetTermDocsEnum(reader, liveDocs, field, new Lucene.Net.Util.BytesRef(term), DocsFlags.NONE);
                if (postings is not null)
                {
                    foreach (var doc in docIds.Order())
                    {
                        var at = postings.DocID >= doc ? postings.DocID : postings.Advance(doc);
                        if (at == DocIdSetIterator.NO_MORE_DOCS)
                        {
                            break;
                        }

                        if (at == doc)
                        {
                            with.Add(doc);
                        }
                    }
                }

                all = all is null ? with : [.. all.Intersect(with)];
            }

            found.UnionWith(all ?? []);
        }

        return found;
    }

    private List<Citation> Cite(IndexSearcher searcher, Question question, IEnumerable<Ranked> ranked, int firstNumber = 1)
    {
        var query = FieldQuery(question.Concepts, SentenceFields.Text, 1f);
        return ranked.Select((r, i) => ToCitation(firstNumber + i, r.Document, r.Text, r.Confidence, query)).ToList();
    }

    /// <summary>
    /// The analysed terms of <paramref name="question"/> (stop and question words removed, stemmed):
    /// what a conversation remembers of the question it is following up.
    /// </summary>
    public IReadOnlyList<string> Terms(string? question) =>
        question is null || question.Length > _options.MaxQuestionLength ? [] : _reader.Terms(question);

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

    /// <summary>A question read for searching.</summary>
    private sealed record Question(string Text, IReadOnlyList<Concept> Concepts, AnswerKind Kind, HashSet<string> Words);

    /// <summary>A candidate sentence with its confidence and ranking score.</summary>
    private sealed record Ranked(int Doc, Lucene.Net.Documents.Document Document, string Text, double Confidence, double Score, float Bm25);

    private Citation ToCitation(int number, Lucene.Net.Documents.Document document, string sentence, double confidence, Query query) =>
        StoredCitation.From(number, document, confidence, Highlight(sentence, query));

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
