using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Tests;

/// <summary>A throw-away corpus folder on disk with an in-memory index over it.</summary>
internal sealed class TestCorpus : IDisposable
{
    public TestCorpus(ISentenceEncoder? encoder = null)
    {
        Folder = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
        Index = ArticleIndex.InMemory(new NewsAnalyzer(), encoder);
    }

    public string Folder { get; }

    public ArticleIndex Index { get; }

    public CorpusFolder Corpus => new(Folder);

    public static string SeedText => File.ReadAllText(Path.Combine(Repository.Corpus, "000_47feea0d49ae04be.txt"));

    /// <summary>A corpus holding the seed article as it is in the repository.</summary>
    public static TestCorpus WithSeed()
    {
        var corpus = new TestCorpus();
        corpus.Write("000_47feea0d49ae04be.txt", SeedText);
        corpus.Sync();
        return corpus;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void WriteBytes(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(Folder, name), bytes);

    public IndexReport Sync() => new CorpusIndexer(new SentenceSplitter()).Synchronize(Corpus, Index);

    /// <summary>A pass over <paramref name="changedPaths"/> only, as the bot's watcher runs one.</summary>
    public IndexReport SyncChanged(params string[] changedPaths) =>
        new CorpusIndexer(new SentenceSplitter()).Synchronize(Corpus, Index, TimeSpan.Zero, null, changedPaths);

    public QuestionAnswerer Answerer(AnswerOptions? options = null) => new(Index, options ?? DefaultOptions());

    /// <summary>The options of the shipped appsettings.json, as the bot runs with them.</summary>
    public static AnswerOptions DefaultOptions() => new()
    {
        Synonyms =
        [
            "u.s., united states, us, america",
            "deport, deportation, expel, expulsion, remove, removal",
            "deal, agreement, arrangement, pact",
        ],
    };

    /// <summary>The "Answers" section of the repository's appsettings.json, exactly as the bot and the evaluation read it.</summary>
    public static AnswerOptions ShippedOptions() => Repository.ShippedSettings<AnswerOptions>(AnswerOptions.Section);

    public void Dispose()
    {
        Index.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
