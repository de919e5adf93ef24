using System.ComponentModel.DataAnnotations;

namespace Newsroom.Answers.Answering;

/// <summary>How questions are answered. Bound from the "Answers" section of appsettings.json.</summary>
public sealed class AnswerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Answers";

    /// <summary>Most cited sentences in one answer.</summary>
    [Range(1, 20)]
    public int MaxCitations { get; set; } = 3;

    /// <summary>
    /// Share of the question's weighted terms (0–1) a sentence must contain to be cited. Below it,
    /// the bot says it couldn't find the answer rather than cite a sentence that merely mentions
    /// one of the question's words.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.49;

    /// <summary>How many BM25 hits are re-ranked for each question.</summary>
    [Range(1, 1000)]
    public int Candidates { get; set; } = 40;

    /// <summary>How many of the best BM25 hits bring the sentences right before and after them into the ranking.</summary>
    [Range(0, 1000)]
    public int NeighbourCandidates { get; set; } = 20;

    /// <summary>
    /// A question word (or its synonyms) said by more sentences than this only adds to the score of
    /// sentences that say one of the question's rarer words; it does not bring in candidates of its
    /// own. In a large archive the commonest words' sentences are most of Lucene's work and seldom the
    /// answer. 0: every word retrieves (the plain BM25 OR).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CommonWordSentences { get; set; } = 5000;

    /// <summary>Boost of a match in the sentence's paragraph, beside a match in the sentence itself (1).</summary>
    [Range(0.0, 10.0)]
    public double ContextWeight { get; set; } = 0.5;

    /// <summary>Boost of a match in the sentence with its neighbours, beside a match in the sentence itself (1).</summary>
    [Range(0.0, 10.0)]
    public double WindowWeight { get; set; } = 0.5;

    /// <summary>
    /// How much a question word found only in the sentence right before counts toward confidence,
    /// beside one in the sentence (1): "His successor…" names in the sentence before whom it is about.
    /// </summary>
    [Range(0.0, 1.0)]
    public double PreviousCredit { get; set; } = 0.9;

    /// <summary>How much a question word found only in the sentence right after counts toward confidence, beside one in the sentence (1).</summary>
    [Range(0.0, 1.0)]
    public double NextCredit { get; set; } = 0.6;

    /// <summary>
    /// How much the sentence after counts in the window's BM25, beside the sentence itself and the
    /// one before (1): a sentence is read in the light of what came before it more than of what follows.
    /// </summary>
    [Range(0.0, 1.0)]
    public double NextWeight { get; set; } = 0.5;

    /// <summary>
    /// How much a question word found only in the article's headline counts toward confidence,
    /// beside one in the sentence (1): the headline says what every sentence of the article is about.
    /// </summary>
    [Range(0.0, 1.0)]
    public double HeadlineCredit { get; set; } = 1.0;

    /// <summary>
    /// Share taken away from the BM25 weight of a question word in a sentence when the headline says
    /// it too: every sentence of that article is about it, so saying it again sets a sentence apart less.
    /// </summary>
    [Range(0.0, 1.0)]
    public double HeadlineDiscount { get; set; } = 0.5;

    /// <summary>Boost of a match in the article's headline, beside a match in the sentence itself (1).</summary>
    [Range(0.0, 10.0)]
    public double TitleWeight { get; set; } = 0.2;

    /// <summary>
    /// How much a question word found only elsewhere in the sentence's paragraph counts toward
    /// confidence, beside one found in the sentence (1): the paragraph often names what the sentence
    /// calls "it" or "the team", but the sentence itself has to say the rest.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ContextCredit { get; set; } = 0.75;

    /// <summary>Share of the ranking score given to confidence; the rest is the BM25 score relative to the best candidate's.</summary>
    [Range(0.0, 1.0)]
    public double CoverageWeight { get; set; } = 0.7;

    /// <summary>
    /// Added to the ranking score of a sentence that holds what the question asks for (a date for
    /// "when", a number for "how many", a name for "who" and "where") beyond the question's own words.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AnswerTypeWeight { get; set; } = 0.1;

    /// <summary>
    /// Added to the ranking score per unit of cosine similarity between the question's and the
    /// sentence's meaning vectors, when the index has a sentence encoder (see <c>Answers:Semantic</c> in the host).
    /// </summary>
    [Range(0.0, 10.0)]
    public double SemanticWeight { get; set; } = 1.5;

    /// <summary>
    /// Share of a sentence's confidence taken from the cosine similarity of its meaning vector to the
    /// question's, when the index has a sentence encoder; the rest is the share of question words it says.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SemanticConfidence { get; set; } = 0.5;

    /// <summary>
    /// <see cref="MinConfidence"/> when confidence blends in meaning (the index has a sentence encoder
    /// and <see cref="SemanticConfidence"/> is above 0): similarity runs higher than the share of
    /// question words, so the threshold does too.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SemanticMinConfidence { get; set; } = 0.56;

    /// <summary>Boost of two consecutive question words found close together in the sentence (see <see cref="ProximitySlop"/>).</summary>
    [Range(0.0, 10.0)]
    public double ProximityWeight { get; set; } = 0.3;

    /// <summary>How many words apart two consecutive question words may be and still count as close.</summary>
    [Range(0, 20)]
    public int ProximitySlop { get; set; } = 3;

    /// <summary>BM25 term-frequency saturation; sentences rarely repeat a word, so it matters little.</summary>
    [Range(0.0, 5.0)]
    public double Bm25K1 { get; set; } = 0.8;

    /// <summary>BM25 length normalisation (0: none, 1: full).</summary>
    [Range(0.0, 1.0)]
    public double Bm25B { get; set; } = 0.9;

    /// <summary>Longer messages are refused politely instead of searched: a question is a sentence or two.</summary>
    [Range(10, 100_000)]
    public int MaxQuestionLength { get; set; } = 1000;

    /// <summary>
    /// Groups of words and phrases that mean the same in the reporting, one group per entry, comma
    /// separated ("U.S., United States, US"). A question word matches a sentence using any word of its group.
    /// </summary>
    public List<string> Synonyms { get; set; } = [];
}
