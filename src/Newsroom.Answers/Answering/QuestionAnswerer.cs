using Lucene.Net.Search;
using Newsroom.Answers.Indexing;
using Newsroom.Answers.Retrieval;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Answers a question with the sentences of the reporting that say it, best first, or says there
/// are none: reads the question, finds its candidate sentences (<see cref="CandidateSearch"/>),
/// scores them (<see cref="SentenceScorer"/>) and cites those confident enough
/// (<see cref="CitationReader"/>). Thread-safe: the index hands out searchers, and nothing here is
/// shared between calls.
/// </summary>
internal sealed class QuestionAnswerer
{
    /// <summary>At most this many concepts of one message are searched for (far above any real question, far below Lucene's clause limit).</summary>
    internal const int MaxConcepts = 64;

    private readonly ArticleIndex _index;
    private readonly AnswerOptions _options;
    private readonly QuestionReader _reader;
    private readonly CandidateSearch _search;
    private readonly SentenceScorer _scorer;
    private readonly CitationReader _citations;

    /// <summary>Answers from <paramref name="index"/> with <paramref name="options"/>.</summary>
    public QuestionAnswerer(ArticleIndex index, AnswerOptions options)
    {
        _index = index;
        _options = options;
        _reader = new QuestionReader(index.Analyzer, options.Synonyms);
        _search = new CandidateSearch(options);
        _scorer = new SentenceScorer(options);
        _citations = new CitationReader(index.Analyzer);
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
                .Where(r => alreadyCited.Count == 0 || !alreadyCited.Contains(CitationReader.SentenceIdOf(StoredSentences.Complete(searcher, r.Doc, r.Document!, r.Lead))));
            return _citations.Cite(searcher, asked, ranked.TakeWhile(r => r.Confidence >= MinConfidence).Take(_options.MaxCitations), firstNumber: alreadyCited.Count + 1);
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

        return _index.Search(searcher => _citations.Cite(searcher, asked, Rank(searcher, asked, needed: count).Take(count)));
    }

    private (AnswerStatus Status, SearchableQuestion? Question) Read(string text)
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
            // Lucene refuses queries of more than 1,024 clauses.
            concepts = concepts.GetRange(0, MaxConcepts);
        }

        return concepts.Count == 0
            ? (AnswerStatus.NothingToSearch, null)
            : (AnswerStatus.Answered, new SearchableQuestion(text, concepts, AnswerCue.KindOf(text), AnswerCue.WordsOf(text))
            {
                // 3.5–4 ms on 2 cores, most of the time of a question with the model on. It runs on
                // this thread: beside Lucene's part (under 1 ms) on another it would be no faster, as
                // the model already uses both cores.
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
    /// The ranked candidates of <paramref name="question"/> within <paramref name="filter"/>, exact
    /// as far as the first <paramref name="needed"/> (and <see cref="AnswerOptions.MaxCitations"/>) go.
    /// </summary>
    private List<RankedSentence> Rank(IndexSearcher searcher, SearchableQuestion question, Filter? filter = null, int needed = 0)
    {
        var statistics = new TermLookup(searcher.IndexReader);
        var hits = _search.Hits(searcher.IndexReader, question, statistics, filter, needed);
        if (hits.Length == 0)
        {
            return [];
        }

        var table = new SentenceTable(searcher.IndexReader);
        return _scorer.Rank(searcher, table, question, statistics, _search.WithNeighbours(hits, table), needed);
    }

    /// <summary>
    /// The analysed terms of <paramref name="question"/> (stop and question words removed, stemmed):
    /// what a conversation remembers of the question it is following up.
    /// </summary>
    public IReadOnlyList<string> Terms(string? question) =>
        question is null || question.Length > _options.MaxQuestionLength ? [] : _reader.Terms(question);
}
