using Lucene.Net.Search;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// Scores a question's candidate sentences: each one's confidence (how much of the question it
/// says) and relevance (BM25 of the question's concepts in it and around it), blended into the
/// order answers are cited in. A sentence that repeats the question's most common word ("Libya")
/// but not what is actually asked ("population") gets a low confidence, so the answerer can say it
/// couldn't find that. Thread-safe: nothing is shared between calls.
/// </summary>
internal sealed class SentenceScorer(AnswerOptions options)
{
    /// <summary>
    /// Ranks the <paramref name="candidates"/> (see <see cref="CandidateSearch"/>) of <paramref name="question"/>.
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
    public List<RankedSentence> Rank(IndexSearcher searcher, SentenceTable table, SearchableQuestion question, TermLookup statistics, List<int> candidates, int needed)
    {
        var concepts = question.Concepts;
        var weights = concepts.Select(concept => Weight(statistics, table.Sentences, concept)).ToArray();
        var totalWeight = weights.Sum();

        var scored = new List<RankedSentence>(candidates.Count);
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
                r.Confidence = (1 - options.SemanticConfidence) * r.Confidence + options.SemanticConfidence * similarity;
            }

            r.Score = options.CoverageWeight * r.Confidence + (1 - options.CoverageWeight) * (best > 0 ? r.Relevance / best : 0)
                + options.SemanticWeight * similarity;
        }

        scored.Sort(ByScore);

        // The cue can lift a sentence by AnswerTypeWeight at most: only the candidates within that of
        // the last one needed can change places, so only they are read and checked.
        var cue = question.Kind == AnswerKind.Unknown ? 0 : options.AnswerTypeWeight;
        var last = Math.Min(Math.Max(needed, options.MaxCitations), scored.Count) - 1;
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

    private static int ByScore(RankedSentence a, RankedSentence b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Relevance != a.Relevance ? b.Relevance.CompareTo(a.Relevance) : a.Doc.CompareTo(b.Doc);

    /// <summary>Confidence and relevance of sentence <paramref name="doc"/> (see <see cref="Rank"/>).</summary>
    private RankedSentence Score(SentenceTable table, SearchableQuestion question, double[] weights, double totalWeight, int doc, string[] terms)
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
        if (options.ContextWeight > 0 || options.ContextCredit > 0)
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
                : inBefore > 0 ? options.PreviousCredit
                : inAfter > 0 ? options.NextCredit
                : inTitle ? Math.Max(options.HeadlineCredit, inParagraph > 0 ? options.ContextCredit : 0)
                : inParagraph > 0 ? options.ContextCredit
                : 0);
            text += weights[i] * (inTitle ? 1 - options.HeadlineDiscount : 1) * Saturate(inText, terms.Length, average);
            window += weights[i] * Saturate(inText + inBefore + options.NextWeight * inAfter, windowLength, average * windowSentences);
            context += weights[i] * Saturate(inParagraph, paragraphLength, average * count);
            headline += inTitle ? weights[i] : 0;
        }

        var relevance = text
            + options.WindowWeight * window
            + options.ContextWeight * context
            + options.TitleWeight * headline
            + options.ProximityWeight * Proximity(concepts, weights, terms);
        return new RankedSentence(doc, totalWeight > 0 ? covered / totalWeight : 0, relevance);
    }

    /// <summary>BM25's term-frequency part: saturating in <paramref name="frequency"/>, normalised by length.</summary>
    private double Saturate(double frequency, int length, double averageLength)
    {
        if (frequency == 0)
        {
            return 0;
        }

        var k1 = options.Bm25K1;
        var norm = k1 * (1 - options.Bm25B + options.Bm25B * length / Math.Max(averageLength, 1));
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

                for (var y = Math.Max(0, x - options.ProximitySlop - 1); y <= Math.Min(terms.Length - 1, x + options.ProximitySlop + 1); y++)
                {
                    if (y != x && string.Equals(terms[y], b, StringComparison.Ordinal))
                    {
                        closest = Math.Min(closest, Math.Abs(y - x) - 1 + (y < x ? 1 : 0));
                    }
                }
            }

            if (closest <= options.ProximitySlop)
            {
                total += (weights[i] + weights[i + 1]) / (1 + closest);
            }
        }

        return total;
    }

    /// <summary>
    /// BM25's idf of the concept's most common alternative: rare words weigh more, and a concept
    /// the corpus never mentions weighs most of all (the reporting cannot be about it).
    /// </summary>
    private static double Weight(TermLookup statistics, long documents, Concept concept)
    {
        var frequency = statistics.Frequency(concept);
        return Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    }
}
