using Microsoft.Extensions.Configuration;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Semantic;
using Newsroom.Evaluation;
using Newsroom.Testing;
using System.Globalization;

// Answer quality on a SQuAD-format file, by the protocol in tests/Data/squad/README.md.
// Settings: the repository's appsettings.json ("Answers" is what the bot runs with), overridable
// on the command line like the bot's (--Answers:MinConfidence=0.4), plus
//   --Evaluation:File=path     SQuAD-format file (default tests/Data/squad/squad-v1.1-dev-even.json, relative to the repository root)
//   --Evaluation:Every=N       ask every N-th question only (quick looks; docs/evaluation.md's table asks them all)
//   --Evaluation:ShowMisses=N  print N questions whose first citation missed, with what was cited (to read why)
//   --Evaluation:Semantic=true rank with the meaning model too, as the bot does with Index:Semantic (Newsroom.Answers.Semantic; slow to index)
//   --Evaluation:VectorCache=path keep the sentences' meaning vectors in a file between runs (choosing weights);
//                              the indexing time printed is then not the model's
//   --Evaluation:Abstention=false skip the abstention runs (ranking figures only)
//   --Evaluation:Thresholds:0=0.5 --Evaluation:Thresholds:1=0.55 … also print the abstention figures at those minimum confidences
//   --Evaluation:Archive=folder index these other articles too (the benchmark's generated corpus, a real
//                              archive): ranking in an archive that size, with the share of questions answered;
//                              the plain baseline and the abstention runs are left out
//   --Evaluation:Part=even|odd ask only the even- or odd-numbered questions (a 2-fold check: choose settings
//                              on one half, confirm them on the other, so the figures are not tuned to the file)
//   --Evaluation:TrecQa=path   instead of SQuAD, a TrecQA file (newswire questions written without looking at
//                              the text; its licence keeps it out of the repository, so pass its path): P@1, MRR@3,
//                              answered share and time per question beside the protocol's plain BM25 baseline
var root = Repository.Root;
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: false)
    .AddCommandLine(args)
    .Build();
var options = configuration.GetSection(AnswerOptions.Section).Get<AnswerOptions>() ?? new AnswerOptions();
var settings = configuration.GetSection("Evaluation").Get<EvaluationSettings>() ?? new EvaluationSettings();
if (settings.TrecQa is { Length: > 0 } trecQa)
{
    var trecPath = Path.GetFullPath(trecQa);
    if (!File.Exists(trecPath))
    {
        Console.Error.WriteLine($"No TrecQA file at {trecPath} (--Evaluation:TrecQa).");
        return 2;
    }

    var trecQuestions = TrecQaFile.Load(trecPath);
    using var trecModel = settings.Semantic ? new ArcticSentenceEncoder() : null;
    var trec = new TrecQaEvaluation(options, trecModel);
    var (trecProduct, plainBm25) = trec.Run(trecQuestions);
    Console.WriteLine($"{Path.GetFileName(trecPath)}: {trecQuestions.Count} questions, {trecProduct.Questions} with an answering sentence (asked), {trec.Sentences} candidate sentences; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    Console.WriteLine();
    Console.WriteLine("| run | questions | sentences indexed | P@1 | MRR@3 | answered | median ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(TrecRow(trecModel is null ? "newsroom bot (QuestionAnswerer)" : $"newsroom bot (QuestionAnswerer, {trecModel.Name})", trecProduct, trec.SentencesIndexed));
    Console.WriteLine(TrecRow("plain baseline (BM25 1.2/0.75, stop words, OR)", plainBm25, trec.Sentences));
    return 0;
}

var path = Path.GetFullPath(settings.File, root);
if (!File.Exists(path))
{
    Console.Error.WriteLine($"No SQuAD file at {path}. Pass one with --Evaluation:File=path.");
    return 2;
}

if (!QuestionSample.TryCreate(settings.Part, settings.Every, out var sample))
{
    Console.Error.WriteLine($"--Evaluation:Part must be all, even or odd, not \"{settings.Part}\".");
    return 2;
}

var file = SquadFile.Load(path);
Console.WriteLine($"{Path.GetFileName(path)}: {file.Articles.Count} articles, {file.QuestionCount} questions (asking {settings.Part}, every {settings.Every}); {Environment.ProcessorCount} cores, load average {LoadAverage()}");

var archive = settings.Archive is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;
if (archive is not null && !Directory.Exists(archive))
{
    Console.Error.WriteLine($"No folder at {archive} (--Evaluation:Archive).");
    return 2;
}

using var corpus = EvaluationCorpus.Write(file, archive: archive);
var misread = corpus.CountMisread();
if (misread > 0)
{
    Console.Error.WriteLine($"warning: {misread} articles were read back with other paragraphs than written; their answer offsets may not match.");
}

using var model = settings.Semantic ? new ArcticSentenceEncoder() : null;
var encoder = model is null ? null : new CachedSentenceEncoder(model, settings.VectorCache is { Length: > 0 } cache ? Path.GetFullPath(cache) : null);
var product = new ProductEvaluation(options, encoder);
var ours = product.Rank(corpus, sample);
foreach (var (question, cited, rank) in product.Misses.Where((_, i) => i % 7 == 0).Take(settings.ShowMisses))
{
    var paragraph = corpus.Paragraphs[corpus.Keys.ToList().IndexOf(question.ArticleKey)][question.Paragraph - 1];
    Console.WriteLine($"MISS (rank {rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}) {question.Text}\n  cited:  {cited}\n  answer: {Around(paragraph, question.AnswerStarts[0])}");
}

if (settings.ShowMisses > 0)
{
    Console.WriteLine($"First citation missed: in the answer's paragraph {product.MissedWhere.SameParagraph}, elsewhere in its article {product.MissedWhere.SameArticle}, in another article {product.MissedWhere.OtherArticle}");
}

encoder?.Save();
if (archive is not null)
{
    Console.WriteLine();
    Console.WriteLine("| run | questions | sentences indexed | P@1 | MRR@10 | R@5 | median ms | p99 ms | answered |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(Row($"newsroom bot (QuestionAnswerer), in {archive}", ours, product.SentencesIndexed) + string.Create(CultureInfo.InvariantCulture, $" {product.Answered:P2} |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexing took {product.IndexingTime.TotalSeconds:F1} s; Answers: CommonWordSentences {options.CommonWordSentences}, MinConfidence {options.MinConfidence}, Candidates {options.Candidates}, NeighbourCandidates {options.NeighbourCandidates}; load average after the run {LoadAverage()}"));
    return 0;
}

var baseline = new PlainBaseline();
var plain = baseline.Rank(corpus, sample);
var abstention = settings.Abstention ? product.Abstain(file, sample, confidences: settings.Thresholds.Count > 0) : new AbstentionScore(0, 0, 0, 0);

Console.WriteLine();
Console.WriteLine("| run | questions | sentences indexed | P@1 | MRR@10 | R@5 | median ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(Row(encoder is null ? "newsroom bot (QuestionAnswerer)" : $"newsroom bot (QuestionAnswerer, {encoder.Name})", ours, product.SentencesIndexed));
Console.WriteLine(Row("plain baseline (EnglishAnalyzer, BM25, OR)", plain, baseline.SentencesIndexed));
Console.WriteLine();
Console.WriteLine("| abstention (half the articles indexed, both halves in turn) | questions | answered |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| in-corpus questions | {abstention.InCorpusQuestions} | {abstention.InCorpusAnswered:P2} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| out-of-corpus questions (false answers) | {abstention.OutOfCorpusQuestions} | {abstention.FalseAnswers:P2} |"));
foreach (var threshold in settings.Thresholds)
{
    var (answered, falseAnswers) = abstention.At(threshold);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| with MinConfidence {threshold}: in-corpus answered / false answers | | {answered:P2} / {falseAnswers:P2} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexing the {product.SentencesIndexed} sentences took {product.IndexingTime.TotalSeconds:F1} s ({product.IndexingTime.TotalMilliseconds / Math.Max(product.SentencesIndexed, 1):F2} ms a sentence); peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Answers: CommonWordSentences {options.CommonWordSentences}, MinConfidence {options.MinConfidence}, Candidates {options.Candidates}, NeighbourCandidates {options.NeighbourCandidates}, ContextWeight {options.ContextWeight}, TitleWeight {options.TitleWeight}, PreviousCredit {options.PreviousCredit}, NextCredit {options.NextCredit}, NextWeight {options.NextWeight}, HeadlineCredit {options.HeadlineCredit}, HeadlineDiscount {options.HeadlineDiscount}, ContextCredit {options.ContextCredit}, CoverageWeight {options.CoverageWeight}, AnswerTypeWeight {options.AnswerTypeWeight}, SemanticWeight {options.SemanticWeight}, SemanticConfidence {options.SemanticConfidence}; load average after the run {LoadAverage()}"));
return 0;

static string Row(string name, RankingScore score, int sentences) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {score.Questions} | {sentences} | {score.PrecisionAt1:F3} | {score.ReciprocalRankAt10:F3} | {score.RecallAt5:F3} | {score.MedianMilliseconds:F2} | {score.P99Milliseconds:F2} |");

static string TrecRow(string name, TrecQaScore score, int sentences) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {score.Questions} | {sentences} | {score.PrecisionAt1:F3} | {score.ReciprocalRankAt3:F3} | {score.Answered:P1} | {score.MedianMilliseconds:F2} | {score.P99Milliseconds:F2} |");

static string Around(string text, int at) => text[Math.Max(0, at - 100)..Math.Min(text.Length, at + 60)];

// The machine is shared: the figures mean more beside how busy it was.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

namespace Newsroom.Evaluation
{
    /// <summary>The "Evaluation" settings (command line).</summary>
    internal sealed class EvaluationSettings
    {
        public string File { get; set; } = "tests/Data/squad/squad-v1.1-dev-even.json";

        public int Every { get; set; } = 1;

        public int ShowMisses { get; set; }

        public string Part { get; set; } = "all";

        public bool Semantic { get; set; }

        public string? Archive { get; set; }

        public string? TrecQa { get; set; }

        public bool Abstention { get; set; } = true;

        public List<double> Thresholds { get; set; } = [];

        public string? VectorCache { get; set; }
    }
}
