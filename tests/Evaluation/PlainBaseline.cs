using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Newsroom.Answers.Corpus;
using System.Diagnostics;

namespace Newsroom.Evaluation;

/// <summary>
/// The plain baseline of the SQuAD protocol (tests/Data/squad/README.md): one Lucene document per sentence, Lucene's
/// <see cref="EnglishAnalyzer"/>, BM25 with its default parameters, and an OR of the question's
/// analysed terms. It indexes the same sentences as the product (same paragraphs, same splitter),
/// so the two rows differ only in how a question is matched and ranked.
/// </summary>
internal sealed class PlainBaseline
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Text = "text";

    /// <summary>Sentences the last <see cref="Rank"/> indexed.</summary>
    public int SentencesIndexed { get; private set; }

    public RankingScore Rank(EvaluationCorpus corpus, Func<int, bool>? sample = null)
    {
        using var analyzer = new EnglishAnalyzer(Version);
        using var directory = new RAMDirectory();
        var splitter = new SentenceSplitter();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            for (var a = 0; a < corpus.Keys.Count; a++)
            {
                for (var p = 0; p < corpus.Paragraphs[a].Count; p++)
                {
                    var paragraph = corpus.Paragraphs[a][p];
                    var cursor = 0;
                    foreach (var sentence in splitter.Split(paragraph))
                    {
                        var offset = Math.Max(paragraph.IndexOf(sentence, cursor, StringComparison.Ordinal), cursor);
                        cursor = offset + 1;
                        writer.AddDocument(new Document
                        {
                            new StringField("article", corpus.Keys[a], Field.Store.YES),
                            new StoredField("paragraph", p + 1),
                            new StoredField("offset", offset),
                            new TextField(Text, sentence, Field.Store.YES),
                        });
                    }
                }
            }

            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        SentencesIndexed = reader.NumDocs;
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var score = new RankingScore();
        var questions = corpus.Questions.SelectMany(q => q).Where((_, i) => sample?.Invoke(i) ?? true).ToList();
        foreach (var question in questions.Take(200))
        {
            searcher.Search(Query(analyzer, question.Text), 10); // warm-up, as for the product
        }

        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            var hits = searcher.Search(Query(analyzer, question.Text), 10).ScoreDocs;
            var rank = default(int?);
            for (var i = 0; i < hits.Length && rank is null; i++)
            {
                var document = searcher.Doc(hits[i].Doc);
                if (question.IsAnsweredBy(document.Get("article"), document.GetField("paragraph").GetInt32Value() ?? 0,
                        document.GetField("offset").GetInt32Value() ?? 0, document.Get(Text).Length))
                {
                    rank = i + 1;
                }
            }

            score.Add(rank, clock.Elapsed.TotalMilliseconds);
        }

        return score;
    }

    /// <summary>An OR of the analysed terms of <paramref name="question"/> over the "text" field (never parsed as query syntax).</summary>
    internal static BooleanQuery Query(Analyzer analyzer, string question)
    {
        var query = new BooleanQuery();
        using var stream = analyzer.GetTokenStream(Text, question);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && query.Clauses.Count < BooleanQuery.MaxClauseCount)
        {
            query.Add(new TermQuery(new Term(Text, term.ToString())), Occur.SHOULD);
        }

        stream.End();
        return query;
    }
}
