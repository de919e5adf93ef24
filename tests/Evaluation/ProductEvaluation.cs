using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Diagnostics;

namespace Newsroom.Evaluation;

/// <summary>Abstention figures: how often the bot answers questions its corpus can answer, and questions it cannot.</summary>
/// <param name="InCorpusQuestions">Questions about indexed articles.</param>
/// <param name="InCorpusAnswered">Share of those answered (any citation).</param>
/// <param name="OutOfCorpusQuestions">Questions about articles that were not indexed.</param>
/// <param name="FalseAnswers">Share of those answered anyway: every such answer is wrong.</param>
internal sealed record AbstentionScore(int InCorpusQuestions, double InCorpusAnswered, int OutOfCorpusQuestions, double FalseAnswers)
{
    /// <summary>The best candidate's confidence for each in-corpus question (0 when there was none): answered at any threshold at or below it.</summary>
    public IReadOnlyList<double> InCorpusConfidences { get; init; } = [];

    /// <summary>The best candidate's confidence for each out-of-corpus question.</summary>
    public IReadOnlyList<double> OutOfCorpusConfidences { get; init; } = [];

    /// <summary>
    /// What <see cref="InCorpusAnswered"/> and <see cref="FalseAnswers"/> would be with another minimum
    /// confidence (to a few hundredths: the best candidate alone is ranked here, an answer ranks three).
    /// </summary>
    public (double InCorpusAnswered, double FalseAnswers) At(double minConfidence) => (
        InCorpusConfidences.Count == 0 ? 0 : (double)InCorpusConfidences.Count(c => c >= minConfidence) / InCorpusConfidences.Count,
        OutOfCorpusConfidences.Count == 0 ? 0 : (double)OutOfCorpusConfidences.Count(c => c >= minConfidence) / OutOfCorpusConfidences.Count);
}

/// <summary>
/// Runs the product's own code over an <see cref="EvaluationCorpus"/>: <see cref="CorpusIndexer"/>
/// reads and indexes the folder into an <see cref="ArticleIndex"/> with the <see cref="NewsAnalyzer"/>,
/// and <see cref="QuestionAnswerer"/> answers, exactly as the bot wires them.
/// </summary>
internal sealed class ProductEvaluation(AnswerOptions options, ISentenceEncoder? encoder = null)
{
    /// <summary>How long the last <see cref="Rank"/> took to index the corpus (with meaning vectors, when there is an encoder).</summary>
    public TimeSpan IndexingTime { get; private set; }

    /// <summary>Sentences the last <see cref="Rank"/> indexed.</summary>
    public int SentencesIndexed { get; private set; }

    /// <summary>Share of the questions the last <see cref="Rank"/> answered (any citation): all of them are about indexed articles.</summary>
    public double Answered { get; private set; }

    /// <summary>Questions whose first citation did not hold an answer, with what was cited first (to read why).</summary>
    public List<(EvaluationQuestion Question, string? Cited, int? Rank)> Misses { get; } = [];

    /// <summary>Where the first citations of <see cref="Misses"/> came from: the answer's own paragraph, another paragraph of its article, another article.</summary>
    public (int SameParagraph, int SameArticle, int OtherArticle) MissedWhere { get; private set; }

    /// <summary>
    /// Asks every question selected by <paramref name="sample"/> of the whole corpus: ranking
    /// figures come from the top 10 candidates, time from <see cref="QuestionAnswerer.Ask"/> (what the bot runs per message).
    /// </summary>
    public RankingScore Rank(EvaluationCorpus corpus, Func<int, bool>? sample = null)
    {
        // An archive of a million sentences is indexed on disk, memory-mapped, as the bot keeps it.
        var onDisk = corpus.HasArchive ? Directory.CreateTempSubdirectory("newsroom-eval-index-").FullName : null;
        try
        {
            using var index = onDisk is null ? ArticleIndex.InMemory(new NewsAnalyzer(), encoder) : ArticleIndex.OpenFolder(onDisk, new NewsAnalyzer(), encoder, out _);
            return Rank(index, corpus, sample);
        }
        finally
        {
            if (onDisk is not null)
            {
                Directory.Delete(onDisk, recursive: true);
            }
        }
    }

    private RankingScore Rank(ArticleIndex index, EvaluationCorpus corpus, Func<int, bool>? sample)
    {
        var indexing = Stopwatch.StartNew();
        var report = new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpus.Folder), index);
        IndexingTime = indexing.Elapsed;
        SentencesIndexed = report.Sentences;
        var answerer = new QuestionAnswerer(index, options);
        var questions = Sample(corpus.Questions.SelectMany(q => q), sample);
        WarmUp(answerer, questions);

        var score = new RankingScore();
        var answered = 0;
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            answered += answerer.Ask(question.Text).Status == AnswerStatus.Answered ? 1 : 0;
            var elapsed = clock.Elapsed.TotalMilliseconds;

            var candidates = answerer.Candidates(question.Text, 10);
            var rank = candidates.FirstOrDefault(c => question.IsAnsweredBy(c.ArticleKey, c.Paragraph, c.Offset, c.Text.Length))?.Number;
            score.Add(rank, elapsed);
            if (rank != 1)
            {
                Misses.Add((question, candidates.FirstOrDefault()?.Text, rank));
                if (candidates.FirstOrDefault() is { } first)
                {
                    var (p, a, o) = MissedWhere;
                    MissedWhere = first.ArticleKey != question.ArticleKey ? (p, a, o + 1)
                        : first.Paragraph != question.Paragraph ? (p, a + 1, o) : (p + 1, a, o);
                }
            }
        }

        Answered = Share(answered, questions.Count);
        return score;
    }

    /// <summary>
    /// Indexes the articles at one parity of position (even, then odd) and asks both halves'
    /// questions: those about indexed articles should be answered, the others should not.
    /// Both splits are run, so every question is asked once in and once out of the corpus.
    /// </summary>
    /// <param name="file">The SQuAD file.</param>
    /// <param name="sample">Which questions to ask (by position in the whole file); all when null.</param>
    /// <param name="confidences">Also read each question's best confidence (a second ranking per question), for <see cref="AbstentionScore.At"/>.</param>
    public AbstentionScore Abstain(SquadFile file, Func<int, bool>? sample = null, bool confidences = false)
    {
        int inAsked = 0, inAnswered = 0, outAsked = 0, outAnswered = 0;
        var inConfidences = new List<double>();
        var outConfidences = new List<double>();
        foreach (var parity in new[] { 0, 1 })
        {
            using var corpus = EvaluationCorpus.Write(file, a => a % 2 == parity);
            using var index = ArticleIndex.InMemory(new NewsAnalyzer(), encoder);
            new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpus.Folder), index);
            var answerer = new QuestionAnswerer(index, options);
            var position = 0; // numbered through the whole file, as in Rank, so a sample selects the same questions in both
            for (var a = 0; a < corpus.Questions.Count; a++)
            {
                foreach (var question in corpus.Questions[a])
                {
                    if (!(sample?.Invoke(position++) ?? true))
                    {
                        continue;
                    }

                    var answered = answerer.Ask(question.Text).Status == AnswerStatus.Answered;
                    if (confidences)
                    {
                        (a % 2 == parity ? inConfidences : outConfidences).Add(answerer.Candidates(question.Text, 1).FirstOrDefault()?.Confidence ?? 0);
                    }

                    if (a % 2 == parity)
                    {
                        inAsked++;
                        inAnswered += answered ? 1 : 0;
                    }
                    else
                    {
                        outAsked++;
                        outAnswered += answered ? 1 : 0;
                    }
                }
            }
        }

        return new AbstentionScore(inAsked, Share(inAnswered, inAsked), outAsked, Share(outAnswered, outAsked))
        {
            InCorpusConfidences = inConfidences,
            OutOfCorpusConfidences = outConfidences,
        };
    }

    private static List<EvaluationQuestion> Sample(IEnumerable<EvaluationQuestion> questions, Func<int, bool>? sample) =>
        questions.Where((_, i) => sample?.Invoke(i) ?? true).ToList();

    /// <summary>Runs a few questions first so that timings measure answering, not the JIT compiler.</summary>
    private static void WarmUp(QuestionAnswerer answerer, List<EvaluationQuestion> questions)
    {
        foreach (var question in questions.Take(200))
        {
            answerer.Ask(question.Text);
        }
    }

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
}
