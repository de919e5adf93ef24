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
    private readonly SentenceSimilarity _similarity;

    /// <summary>Answers from <paramref name="index"/> with <paramref name="options"/>.</summary>
    public QuestionAnswerer(ArticleIndex index, AnswerOptions options)
    {
        _index = index;
        _options = options;
        _reader = new QuestionReader(index.Analyzer, options.Synonyms);
        _similarity = new SentenceSimilarity((float)options.Bm25K1, (float)options.Bm25B);
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
            var ranked = Rank(searcher, asked, filter, needed: alreadyCited.Count + _options.MaxCitations)
                .Where(r => alreadyCited.Count == 0 || !alreadyCited.Contains(SentenceIdOf(StoredSentences.Complete(searcher, r.Doc, r.Document!, r.Lead))));
            return Cite(searcher, asked, ranked.TakeWhile(r => r.Confidence >= MinConfidence).Take(_options.MaxCitations), firstNumber: alreadyCited.Count + 1);
        });
        return citations.Count == 0
            ? Answer.Without(text, AnswerStatus.NotFound)
            : new Answer(text, AnswerStatus.Answered, citations);
    }

    /// <summary>
    /// The best <paramref name="count"/> sentences for <paramref name="question"/> in the order
    /// <see cref="Ask(string?)"/> would cite them, each with its confidence, whether or not it reaches
    /// <see cref="AnswerOptions.MinConfidence"/> (<see cref="AnswerOptions.SemanticMinConfidence"/> when
    /// confidence blends in meaning). <see cref="Ask(string?)"/> cites a prefix of this list;
    /// evaluation reads further down it. Empty when the question has nothing to search.
    /// </summary>
    public IReadOnlyList<Citation> Candidates(string? question, int count)
    {
        var (_, asked) = Read((question ?? string.Empty).Trim());
        if (asked is null || count <= 0)
        {
            return [];
        }

        return _index.Search(searcher => Cite(searcher, asked, Rank(searcher, asked, needed: count).Take(count)));
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
            : (AnswerStatus.Answered, new Question(text, concepts, AnswerCue.KindOf(text), AnswerCue.WordsOf(text))
            {
                // 3.5–4 ms on 2 cores, most of the time of a question with the model on. Running it
                // beside Lucene's part (under 1 ms) on another thread measured no faster: the model
                // already uses both cores.
                Meaning = _index.Encoder is { } encoder && _options.SemanticWeight + _options.SemanticConfidence > 0
                    ? encoder.EncodeQuestion(text)
                    : null,
            });
    }

    /// <summary>
    /// The least confidence a cited sentence needs: confidence that blends in meaning runs higher than
    /// the share of question words alone, so it has a threshold of its own.
    /// </summary>
    private double MinConfidence => BlendsMeaning ? _options.SemanticMinConfidence : _options.MinConfidence;

    private bool BlendsMeaning => _index.Encoder is not null && _options.SemanticConfidence > 0;

    /// <summary>
    /// Retrieval: one BM25 query of the question's concepts over the sentences (the same work as a
    /// plain Lucene search); everything else is decided on the candidates it returns, from doc values.
    /// </summary>
    private static BooleanQuery BuildQuery(IReadOnlyList<Concept> concepts, Func<string, TermContext>? statistics = null)
    {
        // At most MaxConcepts concepts, each with a handful of alternatives: far below
        // BooleanQuery's 1,024-clause limit.
        var query = new BooleanQuery();
        foreach (var concept in concepts)
        {
            var either = new BooleanQuery();
            foreach (var alternative in concept.Alternatives)
            {
                either.Add(AlternativeQuery(SentenceFields.Text, alternative, statistics), Occur.SHOULD);
            }

            query.Add(either.Clauses.Count == 1 ? either.Clauses[0].Query : either, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>
    /// The query that retrieves the candidates: the BM25 query of the concepts, where a concept said
    /// by more than <see cref="AnswerOptions.CommonWordSentences"/> sentences ("said", "year",
    /// "government" in a large archive) adds its score to the sentences that say one of the
    /// question's rarer concepts but does not retrieve sentences on its own. A sentence it retrieves
    /// scores exactly as under the plain query; Lucene no longer walks the common words' long
    /// postings lists, only skips through them (a quarter less CPU per answer over HTTP at 1,000,000
    /// sentences). It is the idea of Lucene's CommonTermsQuery, which takes single terms, not
    /// concepts with synonyms and phrases. A concept the archive never says retrieves nothing either
    /// way; when no concept it says is rare, or none is common, this is the plain query.
    /// </summary>
    private BooleanQuery RetrievalQuery(IReadOnlyList<Concept> concepts, Func<string, TermContext> statistics)
    {
        var plain = BuildQuery(concepts, statistics);
        var limit = _options.CommonWordSentences;
        if (limit <= 0 || concepts.Count < 2)
        {
            return plain;
        }

        var rare = new BooleanQuery();
        var common = new List<Query>();
        for (var i = 0; i < concepts.Count; i++)
        {
            var sentences = Frequency(statistics, concepts[i]);
            if (sentences > limit)
            {
                common.Add(plain.Clauses[i].Query);
            }
            else if (sentences > 0)
            {
                rare.Add(plain.Clauses[i].Query, Occur.SHOULD);
            }
        }

        if (rare.Clauses.Count == 0 || common.Count == 0)
        {
            return plain;
        }

        var query = new BooleanQuery { { rare.Clauses.Count == 1 ? rare.Clauses[0].Query : rare, Occur.MUST } };
        foreach (var clause in common)
        {
            query.Add(clause, Occur.SHOULD);
        }

        return query;
    }

    private static Query AlternativeQuery(string field, string[] terms, Func<string, TermContext>? statistics)
    {
        if (terms.Length == 1)
        {
            return statistics is null ? new TermQuery(new Term(field, terms[0])) : new TermQuery(new Term(field, terms[0]), statistics(terms[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }

        return phrase;
    }

    /// <summary>
    /// Ranks the candidates: the best BM25 sentences, and the neighbours of the best of them (a
    /// question is often worded from the sentence next to the answer: "In what year did the team
    /// move?" where the team is named a sentence earlier).
    /// <para>
    /// Each candidate gets a confidence: the idf-weighted share of the question's concepts it says,
    /// where a concept said only by the sentence before counts for <see cref="AnswerOptions.PreviousCredit"/>,
    /// only by the sentence after for <see cref="AnswerOptions.NextCredit"/>, only by the headline for
    /// <see cref="AnswerOptions.HeadlineCredit"/> and only elsewhere in the paragraph for
    /// <see cref="AnswerOptions.ContextCredit"/> of one said by the sentence itself. And a
    /// relevance: BM25 of the concepts in the sentence, plus (boosted down) in the sentence with its
    /// neighbours, in its paragraph and in its headline, plus consecutive question words found close
    /// together in the sentence. The order is a blend of the two, then the answer-type cue.
    /// </para>
    /// Only the sentences that can still reach the top are read from stored fields (for the cue):
    /// the rest is doc values. The list returned is exact as far as it goes: every candidate left
    /// out ranks below all of it.
    /// </summary>
    private List<Ranked> Rank(IndexSearcher searcher, Question question, Filter? filter = null, int needed = 0)
    {
        var reader = searcher.IndexReader;
        // Same norms as the index's BM25 (Lucene encodes only the length), other k1 and b: a searcher
        // is cheap to make, and the shared one's similarity must not change under other callers.
        // Each term is looked up in the term dictionaries once, for the query and the concept weights
        // both (TermQuery takes the statistics it would otherwise gather itself).
        var statistics = new Dictionary<string, TermContext>(StringComparer.Ordinal);
        TermContext StatisticsOf(string term)
        {
            if (!statistics.TryGetValue(term, out var found))
            {
                found = TermContext.Build(reader.Context, new Term(SentenceFields.Text, term));
                statistics[term] = found;
            }

            return found;
        }

        var query = RetrievalQuery(question.Concepts, StatisticsOf);
        var hits = new IndexSearcher(reader) { Similarity = _similarity }.Search(query, filter, Math.Max(_options.Candidates, needed)).ScoreDocs;
        if (hits.Length == 0)
        {
            return [];
        }

        var table = new SentenceTable(reader);
        var concepts = question.Concepts;
        var weights = concepts.Select(concept => Weight(StatisticsOf, table.Sentences, concept)).ToArray();
        var totalWeight = weights.Sum();

        // The candidates: the hits, and the paragraph neighbours of the best hits. A neighbour only
        // joins when the filter (a date range, a source) would have let it through: it is the same
        // article, and filters are per article.
        var candidates = new List<int>(hits.Length * 2);
        var seen = new HashSet<int>();
        foreach (var hit in hits)
        {
            if (seen.Add(hit.Doc))
            {
                candidates.Add(hit.Doc);
            }
        }

        for (var h = 0; h < Math.Min(_options.NeighbourCandidates, hits.Length); h++)
        {
            var (first, count) = table.Paragraph(hits[h].Doc);
            foreach (var neighbour in new[] { hits[h].Doc - 1, hits[h].Doc + 1 })
            {
                if (neighbour >= first && neighbour < first + count && seen.Add(neighbour))
                {
                    candidates.Add(neighbour);
                }
            }
        }

        var scored = new List<Ranked>(candidates.Count);
        var dedupe = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in candidates)
        {
            var terms = table.Terms(doc);
            if (terms.Length == 0 || !dedupe.Add(string.Join(' ', terms)))
            {
                continue; // the same sentence in two articles (a story and its update) is ranked once
            }

            scored.Add(Score(table, question, weights, totalWeight, doc, terms));
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Max(r => r.Relevance);
        var meaning = question.Meaning;
        foreach (var r in scored)
        {
            // The meaning vector says what the words do not: a question worded differently from the
            // sentence ("removing people" for "deported migrants") is still close to it.
            var similarity = meaning is null ? 0 : table.Similarity(meaning, r.Doc);
            if (meaning is not null)
            {
                r.Confidence = (1 - _options.SemanticConfidence) * r.Confidence + _options.SemanticConfidence * similarity;
            }

            r.Score = _options.CoverageWeight * r.Confidence + (1 - _options.CoverageWeight) * (best > 0 ? r.Relevance / best : 0)
                + _options.SemanticWeight * similarity;
        }

        scored.Sort(ByScore);

        // The cue can lift a sentence by AnswerTypeWeight at most: only the candidates within that of
        // the last one needed can change places, so only they are read and checked.
        var cue = question.Kind == AnswerKind.Unknown ? 0 : _options.AnswerTypeWeight;
        var last = Math.Min(Math.Max(needed, _options.MaxCitations), scored.Count) - 1;
        var reach = scored[last].Score - cue;
        var read = scored.TakeWhile((r, i) => i <= last || r.Score >= reach).ToList();
        foreach (var r in read)
        {
            r.Document = searcher.Doc(r.Doc);
            r.Lead = table.Lead(r.Doc);
            r.Text = r.Document.Get(SentenceFields.Text) ?? string.Empty;
            if (cue > 0 && AnswerCue.Holds(question.Kind, r.Text, question.Words))
            {
                r.Score += cue;
            }
        }

        read.Sort(ByScore);
        var unread = read.Count < scored.Count ? scored[read.Count].Score + cue : double.NegativeInfinity;
        return read.TakeWhile((r, i) => i <= last || r.Score > unread).ToList();
    }

    private static int ByScore(Ranked a, Ranked b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Relevance != a.Relevance ? b.Relevance.CompareTo(a.Relevance) : a.Doc.CompareTo(b.Doc);

    /// <summary>Confidence and relevance of sentence <paramref name="doc"/> (see <see cref="Rank"/>).</summary>
    private Ranked Score(SentenceTable table, Question question, double[] weights, double totalWeight, int doc, string[] terms)
    {
        var concepts = question.Concepts;
        var (first, count) = table.Paragraph(doc);
        var before = doc > first ? table.Terms(doc - 1) : [];
        var after = doc + 1 < first + count ? table.Terms(doc + 1) : [];
        var title = table.TitleTerms(doc);
        var average = table.AverageLength;
        var windowLength = terms.Length + before.Length + after.Length;
        var windowSentences = 1 + (before.Length > 0 ? 1 : 0) + (after.Length > 0 ? 1 : 0);

        // The rest of the paragraph, read once for all concepts (only when something uses it).
        var rest = new List<string[]>();
        var paragraphLength = windowLength;
        if (_options.ContextWeight > 0 || _options.ContextCredit > 0)
        {
            for (var other = first; other < first + count; other++)
            {
                if (other < doc - 1 || other > doc + 1)
                {
                    rest.Add(table.Terms(other));
                    paragraphLength += rest[^1].Length;
                }
            }
        }

        double covered = 0, text = 0, window = 0, context = 0, headline = 0;
        for (var i = 0; i < concepts.Count; i++)
        {
            var concept = concepts[i];
            var inText = concept.CountIn(terms);
            var inBefore = concept.CountIn(before);
            var inAfter = concept.CountIn(after);
            var inParagraph = inText + inBefore + inAfter;
            foreach (var otherTerms in rest)
            {
                inParagraph += concept.CountIn(otherTerms);
            }

            var inTitle = concept.IsIn(title);
            // Text refers back: "His successor…", "The last three of these…" name in the sentence
            // before what they are about, so a concept said just before counts for more than one
            // said just after. A headline word is what the whole article is about: each of its
            // sentences says it, and saying it again sets a sentence apart less.
            covered += weights[i] * (inText > 0 ? 1
                : inBefore > 0 ? _options.PreviousCredit
                : inAfter > 0 ? _options.NextCredit
                : inTitle ? Math.Max(_options.HeadlineCredit, inParagraph > 0 ? _options.ContextCredit : 0)
                : inParagraph > 0 ? _options.ContextCredit
                : 0);
            text += weights[i] * (inTitle ? 1 - _options.HeadlineDiscount : 1) * Saturate(inText, terms.Length, average);
            window += weights[i] * Saturate(inText + inBefore + _options.NextWeight * inAfter, windowLength, average * windowSentences);
            context += weights[i] * Saturate(inParagraph, paragraphLength, average * count);
            headline += inTitle ? weights[i] : 0;
        }

        var relevance = text
            + _options.WindowWeight * window
            + _options.ContextWeight * context
            + _options.TitleWeight * headline
            + _options.ProximityWeight * Proximity(concepts, weights, terms);
        return new Ranked(doc, totalWeight > 0 ? covered / totalWeight : 0, relevance);
    }

    /// <summary>BM25's term-frequency part: saturating in <paramref name="frequency"/>, normalised by length.</summary>
    private double Saturate(double frequency, int length, double averageLength)
    {
        if (frequency == 0)
        {
            return 0;
        }

        var k1 = _options.Bm25K1;
        var norm = k1 * (1 - _options.Bm25B + _options.Bm25B * length / Math.Max(averageLength, 1));
        return frequency * (k1 + 1) / (frequency + norm);
    }

    /// <summary>
    /// Consecutive question words close together in the sentence ("prospective bride", "scoring
    /// lead"): the question was likely worded from that very sentence. Each pair within
    /// <see cref="AnswerOptions.ProximitySlop"/> words adds both words' weights, less the further apart.
    /// </summary>
    private double Proximity(IReadOnlyList<Concept> concepts, double[] weights, string[] terms)
    {
        var total = 0.0;
        for (var i = 0; i + 1 < concepts.Count; i++)
        {
            if (concepts[i].SingleTerm is not { } a || concepts[i + 1].SingleTerm is not { } b)
            {
                continue;
            }

            var closest = int.MaxValue;
            for (var x = 0; x < terms.Length; x++)
            {
                if (!string.Equals(terms[x], a, StringComparison.Ordinal))
                {
                    continue;
                }

                for (var y = Math.Max(0, x - _options.ProximitySlop - 1); y <= Math.Min(terms.Length - 1, x + _options.ProximitySlop + 1); y++)
                {
                    if (y != x && string.Equals(terms[y], b, StringComparison.Ordinal))
                    {
                        closest = Math.Min(closest, Math.Abs(y - x) - 1 + (y < x ? 1 : 0));
                    }
                }
            }

            if (closest <= _options.ProximitySlop)
            {
                total += (weights[i] + weights[i + 1]) / (1 + closest);
            }
        }

        return total;
    }

    private List<Citation> Cite(IndexSearcher searcher, Question question, IEnumerable<Ranked> ranked, int firstNumber = 1)
    {
        // Only what is cited needs its article's headline, byline and link (stored on its lead sentence).
        return ranked.Select((r, i) => ToCitation(firstNumber + i, StoredSentences.Complete(searcher, r.Doc, r.Document!, r.Lead), r.Text, r.Confidence, question.Query)).ToList();
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
    private static double Weight(Func<string, TermContext> statistics, long documents, Concept concept)
    {
        var frequency = Frequency(statistics, concept);
        return Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    }

    /// <summary>How many sentences say the concept's most common alternative, at most (a phrase: its rarest word).</summary>
    private static int Frequency(Func<string, TermContext> statistics, Concept concept) =>
        concept.Alternatives.Max(alternative => alternative.Min(term => statistics(term).DocFreq));

    private static string SentenceIdOf(Lucene.Net.Documents.Document document) => SentenceFields.SentenceId(
        document.Get(SentenceFields.Article) ?? string.Empty,
        document.GetField(SentenceFields.Paragraph)?.GetInt32Value() ?? 0,
        document.GetField(SentenceFields.Sentence)?.GetInt32Value() ?? 0);

    /// <summary>A question read for searching.</summary>
    private sealed record Question(string Text, IReadOnlyList<Concept> Concepts, AnswerKind Kind, HashSet<string> Words)
    {
        /// <summary>The question's meaning vector, when the index has an encoder and the options use it.</summary>
        public float[]? Meaning { get; init; }

        /// <summary>The BM25 query of its concepts: what retrieves the candidates and what highlights the cited sentences.</summary>
        public BooleanQuery Query { get; } = BuildQuery(Concepts);
    }

    /// <summary>A candidate sentence with its confidence, relevance and ranking score; its own stored fields once read.</summary>
    private sealed class Ranked(int doc, double confidence, double relevance)
    {
        public int Doc { get; } = doc;

        public double Confidence { get; set; } = confidence;

        public double Relevance { get; } = relevance;

        public double Score { get; set; }

        public Lucene.Net.Documents.Document? Document { get; set; }

        /// <summary>The lead sentence of its article, where the article's stored fields are (-1 when not found).</summary>
        public int Lead { get; set; } = -1;

        public string Text { get; set; } = string.Empty;
    }

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
