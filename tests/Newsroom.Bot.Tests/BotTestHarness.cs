using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsroom.Answers;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Conversation;
using Newsroom.Bot.Feedback;
using Newsroom.Bot.Composition;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The bot over a corpus folder (the repository's by default) in an in-memory index, as the host
/// composes it. Conversation state lives in <paramref name="storage"/>: pass the same storage to
/// a second harness to restart the bot with a persistent store. Feedback goes to a temp file.
/// </summary>
internal sealed class BotTestHarness : IDisposable
{
    private readonly bool _ownsFeedbackFile;

    public BotTestHarness(
        string? exampleQuestion = "Which countries did U.S. officials approach about deportation deals?",
        string? corpusFolder = null,
        IStorage? storage = null,
        string? feedbackFile = null,
        bool recordUnanswered = true)
    {
        var answerOptions = Repository.ShippedSettings<AnswerOptions>(AnswerOptions.Section);
        Archive = NewsroomArchive.InMemory(new ArchiveSettings(corpusFolder ?? Repository.Corpus) { Answers = answerOptions });
        Archive.IndexCorpus();
        Storage = storage ?? new MemoryStorage();
        _ownsFeedbackFile = feedbackFile is null;
        FeedbackFile = feedbackFile ?? Path.Combine(Path.GetTempPath(), $"newsroom-feedback-{Guid.NewGuid():N}.jsonl");
        Feedback = new FeedbackLog(FeedbackFile);
        UnansweredFile = Path.ChangeExtension(FeedbackFile, ".unanswered.jsonl");
        Unanswered = new UnansweredLog(UnansweredFile, recordUnanswered, TimeSpan.FromDays(90));
        Bot = new NewsroomBot(
            Archive,
            new ReplyRenderer(),
            new AnswerActions(),
            new ConversationState(Storage),
            Feedback,
            Unanswered,
            Options.Create(answerOptions),
            Options.Create(new BotOptions { ExampleQuestion = exampleQuestion }),
            NullLogger<NewsroomBot>.Instance);
    }

    public NewsroomArchive Archive { get; }

    public IStorage Storage { get; }

    public string FeedbackFile { get; }

    public FeedbackLog Feedback { get; }

    public string UnansweredFile { get; }

    public UnansweredLog Unanswered { get; }

    public NewsroomBot Bot { get; }

    /// <summary>A conversation with the bot on <paramref name="channelId"/> (TestAdapter keeps one conversation id, so two flows over one storage are one conversation).</summary>
    public TestFlow Flow(string channelId = "test") => new(new TestAdapter(channelId), Bot);

    /// <summary>A conversation with the bot as <paramref name="conversation"/> describes it (channel, conversation type, bot and user).</summary>
    public TestFlow Flow(Microsoft.Bot.Schema.ConversationReference conversation) => new(new TestAdapter(conversation), Bot);

    public void Dispose()
    {
        Archive.Dispose();
        Feedback.Dispose();
        Unanswered.Dispose();
        if (_ownsFeedbackFile && File.Exists(FeedbackFile))
        {
            File.Delete(FeedbackFile);
        }

        if (_ownsFeedbackFile && File.Exists(UnansweredFile))
        {
            File.Delete(UnansweredFile);
        }
    }
}
