using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using System.Text.RegularExpressions;

namespace Newsroom.Benchmarks;

/// <summary>
/// The baseline: Lucene.Net as a developer would use it in an afternoon. One document per
/// sentence (a naive regex split), EnglishAnalyzer, BM25, an OR query of the question's
/// analysed terms, top 5. Same files, same threads as the product.
/// </summary>
internal sealed partial class RawLucene : IDisposable
{
    private readonly FSDirectory _directory;
    private readonly EnglishAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    public RawLucene(string folder) => _directory = FSDirectory.Open(folder);

    /// <summary>
    /// Indexes <paramref name="files"/> into a new index; returns the sentences and the time until the
    /// commit returned (what the product's figure measures too: merges still running after it are
    /// waited for when the writer closes, outside the clock, on both sides).
    /// </summary>
    public (int Sentences, TimeSpan Elapsed) Index(IReadOnlyList<string> files)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity() };
        using var writer = new IndexWriter(_directory, config);
        var sentences = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var documents = new List<Document>();
            foreach (var sentence in SentenceEnd().Split(File.ReadAllText(file)))
            {
                if (sentence.Length > 0)
                {
                    documents.Add(new Document { new TextField("text", sentence, Field.Store.YES) });
                }
            }

            writer.AddDocuments(documents);
            Interlocked.Add(ref sentences, documents.Count);
        });
        writer.Commit();
        return (sentences, clock.Elapsed);
    }

    public void Open()
    {
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Top 5 sentences for the OR of the question's terms; returns the texts (so stored fields are read, as an answer would).</summary>
    public int Ask(string question)
    {
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream("text", question))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                query.Add(new TermQuery(new Term("text", term.ToString())), Occur.SHOULD);
            }

            stream.End();
        }

        var hits = _searcher!.Search(query, 5).ScoreDocs;
        var characters = 0;
        foreach (var hit in hits)
        {
            characters += _searcher.Doc(hit.Doc).Get("text").Length;
        }

        return characters;
    }

    public long SizeInBytes => _directory.ListAll().Sum(name => _directory.FileLength(name));

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n\n+")]
    private static partial Regex SentenceEnd();
}
