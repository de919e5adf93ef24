using Lucene.Net.Index;
using Lucene.Net.Store;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Diagnostics;

namespace Newsroom.Benchmarks;

/// <summary>
/// Where indexing time goes, stage by stage, single-threaded on the same files: reading and
/// parsing, sentence splitting, building documents, and analysing + writing them. Run with
/// <c>--breakdown</c>; used to find what to optimise, not a target figure.
/// </summary>
internal static class IndexingBreakdown
{
    public static void Run(string corpusFolder, Report report)
    {
        var corpus = new CorpusFolder(corpusFolder);
        var splitter = new SentenceSplitter();
        var files = corpus.ListFiles();
        using var analyzer = new NewsAnalyzer();

        // Warm-up: JIT and Lucene's one-time codec set-up would otherwise be charged to the first stage measured.
        foreach (var file in files.Take(50))
        {
            using var warmDirectory = new RAMDirectory();
            using var warmWriter = new IndexWriter(warmDirectory, new IndexWriterConfig(NewsAnalyzer.Version, new NewsAnalyzer()));
            foreach (var article in corpus.Read(file).Articles)
            {
                warmWriter.AddDocuments(SentenceDocuments.Build(article, splitter, analyzer));
            }
        }

        var clock = Stopwatch.StartNew();
        var articles = files.SelectMany(file => corpus.Read(file).Articles).ToList();
        var read = clock.Elapsed;

        clock.Restart();
        var sentences = articles.Sum(article => article.Paragraphs.Sum(paragraph => splitter.Split(paragraph.Text).Count));
        var split = clock.Elapsed;

        clock.Restart();
        var documents = articles.Select(article => SentenceDocuments.Build(article, splitter, analyzer)).ToList();
        var build = clock.Elapsed - split; // Build splits again: subtract the splitting measured above

        clock.Restart();
        using (var directory = new RAMDirectory())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(NewsAnalyzer.Version, new NewsAnalyzer())))
        {
            foreach (var article in documents)
            {
                writer.AddDocuments(article);
            }

            writer.Commit();
        }

        var analyse = clock.Elapsed;

        // The same sentences as text-only documents: with the product's analyzer, and with raw's EnglishAnalyzer.
        var texts = documents.SelectMany(article => article.Select(document => document.Get(SentenceFields.Text))).ToList();
        TimeSpan TextOnly(Lucene.Net.Analysis.Analyzer analyzer)
        {
            var timer = Stopwatch.StartNew();
            using var directory = new RAMDirectory();
            using var writer = new IndexWriter(directory, new IndexWriterConfig(NewsAnalyzer.Version, analyzer));
            foreach (var text in texts)
            {
                writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.TextField("text", text, Lucene.Net.Documents.Field.Store.YES) });
            }

            writer.Commit();
            return timer.Elapsed;
        }

        report.Note($"Indexing breakdown: text-only documents with NewsAnalyzer {TextOnly(new NewsAnalyzer()).TotalSeconds:N2} s, with EnglishAnalyzer {TextOnly(new Lucene.Net.Analysis.En.EnglishAnalyzer(NewsAnalyzer.Version)).TotalSeconds:N2} s (full product documents: {analyse.TotalSeconds:N2} s)");
        TimeSpan Without(params string[] fields)
        {
            // Documents built afresh: a sentence's text field is analysed the first time a writer
            // inverts it and replayed after that (ArticleTokens), so reusing the ones above would
            // compare replays with analysis.
            var fresh = articles.Select(article => SentenceDocuments.Build(article, splitter, analyzer)).ToList();
            var timer = Stopwatch.StartNew();
            using var directory = new RAMDirectory();
            using var writer = new IndexWriter(directory, new IndexWriterConfig(NewsAnalyzer.Version, new NewsAnalyzer()));
            foreach (var article in fresh)
            {
                writer.AddDocuments(article.Select(document =>
                {
                    var copy = new Lucene.Net.Documents.Document();
                    foreach (var field in document.Fields.Where(f => !fields.Contains(f.Name)))
                    {
                        copy.Add(field);
                    }

                    return copy;
                }));
            }

            writer.Commit();
            return timer.Elapsed;
        }

        foreach (var field in new[] { SentenceFields.Published, SentenceFields.Article, SentenceFields.File, SentenceFields.Title, SentenceFields.Terms, SentenceFields.Paragraph, SentenceFields.Sentence, SentenceFields.Offset })
        {
            report.Note($"Indexing breakdown: full documents without {field}: {Without(field).TotalSeconds:N2} s");
        }

        var total = read + split + build + analyse;
        foreach (var (stage, time) in new[] { ("read and parse files", read), ("split sentences (ICU)", split), ("build documents", build), ("analyse and write (in memory)", analyse) })
        {
            report.Note($"Indexing breakdown, one thread, {sentences:N0} sentences: {stage} {time.TotalSeconds:N2} s ({time / total:P0})");
        }
    }
}
