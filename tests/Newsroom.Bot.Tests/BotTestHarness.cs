using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Bot.Bot;
using Newsroom.Bot.Hosting;

namespace Newsroom.Bot.Tests;

/// <summary>The bot over the repository's corpus in an in-memory index, as the host composes it.</summary>
internal sealed class BotTestHarness : IDisposable
{
    public BotTestHarness(string? exampleQuestion = "Which countries did U.S. officials approach about deportation deals?")
    {
        Index = ArticleIndex.InMemory(new NewsAnalyzer());
        new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(Repository.Corpus), Index);
        var answerOptions = Repository.AnswerOptions();
        Bot = new NewsroomBot(
            new ArchiveQuestions(new QuestionAnswerer(Index, answerOptions), Index, answerOptions),
            Index,
            new ReplyRenderer(),
            Options.Create(answerOptions),
            Options.Create(new BotOptions { ExampleQuestion = exampleQuestion }),
            NullLogger<NewsroomBot>.Instance);
    }

    public ArticleIndex Index { get; }

    public NewsroomBot Bot { get; }

    public TestFlow Flow() => new(new TestAdapter(), Bot);

    public void Dispose() => Index.Dispose();
}
