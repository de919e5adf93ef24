using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Diagnostics;
using System.Text.Json;

namespace Newsroom.Evaluation;

/// <summary>
/// Figures of one TrecQA run: P@1 and MRR@3 over the cited sentences, the share of questions
/// given any citation, and time per question.
/// </summary>
internal sealed class TrecQaScore
{
    private readonly List<(int? Rank, bool Answered, double Milliseconds)> _questions = [];

    public void Add(int? rank, bool answered, double milliseconds) => _questions.Add((rank, answered, milliseconds));

    public int Questions => _questions.Count;

    public double PrecisionAt1 => Share(q => q.Rank == 1);

    public double ReciprocalRankAt3 => _questions.Count == 0 ? 0 : _questions.Average(q => q.Rank is { } r and <= 3 ? 1.0 / r : 0);

    public double Answered => Share(q => q.Answered);

    public double MedianMilliseconds => Percentile(0.50);

    public double P99Milliseconds => Percentile(0.99);

    private double Share(Func<(int? Rank, bool Answered, double Milliseconds), bool> predicate) =>
        _questions.Count == 0 ? 0 : (double)_questions.Count(predicate) / _questions.Count;

    private double Percentile(double p)
    {
        var sorted = _questions.Select(q => q.Milliseconds).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>
/// The TrecQA protocol (the data's README): each question's candidate sentences, in file order and
/// each sentence only in the first pool that has it, form one article ("Newswire excerpts id", one
/// sentence a paragraph); all of a file's articles form one archive, indexed as the product indexes
/// any article. Every question with a positive is asked through the bot's answering code with the
/// given settings, and of a plain BM25 baseline over the same sentences.
/// </summary>
internal sealed class TrecQaEvaluation(AnswerOptions options, ISentenceEncoder? encoder = null)
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Sentences the product indexed in the last run.</summary>
    public int SentencesIndexed { get; private set; }

    /// <summary>Candidate sentences in the archive (each once).</summary>
    public int Sentences { get; private set; }

    public (TrecQaScore Product, TrecQaScore Baseline) Run(IReadOnlyList<TrecQaQuestion> questions)
    {
        // The archive: which sentence each article's paragraph is, and whether it answers that article's question.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pools = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            var pool = new List<string>();
            foreach (var (sentence, positive) in question.Candidates)
            {
                var key = TrecQaFile.Normalise(sentence);
                if (positive)
                {
                    positives.Add(question.Id + "\n" + key);
                }

                if (key.Length > 0 && seen.Add(key))
                {
                    pool.Add(sentence);
                }
            }

            pools[question.Id] = pool;
        }

        Sentences = seen.Count;
        var asked = questions.Where(q => q.HasPositive).ToList();
        bool Answers(TrecQaQuestion question, string sentence) => positives.Contains(question.Id + "\n" + TrecQaFile.Normalise(sentence));
        return (Product(pools, asked, Answers), Baseline(pools, asked, Answers));
    }

    private TrecQaScore Product(Dictionary<string, List<string>> pools, List<TrecQaQuestion> asked, Func<TrecQaQuestion, string, bool> answers)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("newsroom-trecqa-").FullName;
        try
        {
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            var n = 0;
            foreach (var (id, sentences) in pools.Where(p => p.Value.Count > 0))
            {
                var title = $"Newswire excerpts {id}";
                titles[title] = id;
                File.WriteAllText(Path.Combine(folder, $"{n++:D4}.json"), JsonSerializer.Serialize(new { title, body = sentences }));
            }

            using var index = ArticleIndex.InMemory(new NewsAnalyzer(), encoder);
            SentencesIndexed = new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(folder), index).Sentences;
            var answerer = new QuestionAnswerer(index, options);
            foreach (var question in asked)
            {
                answerer.Ask(question.Text); // warm-up: timings measure answering, not the JIT compiler
            }

            var score = new TrecQaScore();
            foreach (var question in asked)
            {
                var clock = Stopwatch.StartNew();
                var answer = answerer.Ask(question.Text);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                // A citation is judged by the candidate sentence its paragraph is (the product may split one).
                var rank = answer.Citations.Take(3).Select((c, i) => (Citation: c, Rank: i + 1))
                    .FirstOrDefault(c => titles.TryGetValue(c.Citation.Title, out var id) && c.Citation.Paragraph - 1 < pools[id].Count && answers(question, pools[id][c.Citation.Paragraph - 1])).Rank;
                score.Add(rank == 0 ? null : rank, answer.Status == AnswerStatus.Answered, elapsed);
            }

            return score;
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>BM25 (k1 1.2, b 0.75) over lower-cased word tokens, common function words dropped, an OR of the question's words.</summary>
    private static TrecQaScore Baseline(Dictionary<string, List<string>> pools, List<TrecQaQuestion> asked, Func<TrecQaQuestion, string, bool> answers)
    {
        using var analyzer = new StopwordAnalyzer();
        using var directory = new RAMDirectory();
        var similarity = new BM25Similarity(1.2f, 0.75f);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = similarity }))
        {
            foreach (var sentence in pools.Values.SelectMany(s => s))
            {
                writer.AddDocument(new Document { new TextField("text", sentence, Field.Store.YES) });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = similarity };
        var score = new TrecQaScore();
        foreach (var question in asked)
        {
            var clock = Stopwatch.StartNew();
            var hits = searcher.Search(PlainBaseline.Query(analyzer, question.Text), 3).ScoreDocs;
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var rank = hits.Select((hit, i) => (Text: searcher.Doc(hit.Doc).Get("text"), Rank: i + 1)).FirstOrDefault(h => answers(question, h.Text)).Rank;
            score.Add(rank == 0 ? null : rank, hits.Length > 0, elapsed);
        }

        return score;
    }

    /// <summary>Lower-cased word tokens without English function words: the protocol's baseline analysis.</summary>
    private sealed class StopwordAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, new StopFilter(Version, new LowerCaseFilter(Version, tokenizer), StandardAnalyzer.STOP_WORDS_SET));
        }
    }
}
