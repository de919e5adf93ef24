using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsroom.Answers;
using Newsroom.Bot.Composition;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The real host in process (WebApplicationFactory), each instance with its own copy of the
/// repository's corpus and its own index folder, so tests never share state. Disposing it deletes
/// the folders it made (corpus, feedback, and the index unless the test passed its own).
/// </summary>
internal sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _waitForIndex;

    private readonly bool _ownsIndexFolder;

    /// <param name="indexFolder">The index folder (a new temporary one when null).</param>
    /// <param name="settings">Settings over appsettings.json.</param>
    /// <param name="waitForIndex">Whether the first client waits until the background indexing pass has ended (as a test of answers wants), or not (as a test of start-up wants).</param>
    public BotHost(string? indexFolder = null, Dictionary<string, string?>? settings = null, bool waitForIndex = true)
    {
        _waitForIndex = waitForIndex;
        CorpusFolder = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
        Repository.CopyCorpusTo(CorpusFolder);

        _ownsIndexFolder = indexFolder is null;
        IndexFolder = indexFolder ?? Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        FeedbackFile = Path.Combine(CorpusFolder + "-feedback", "feedback.jsonl");
        _settings = settings ?? [];
    }

    public string CorpusFolder { get; }

    public string IndexFolder { get; }

    /// <summary>Everything the host logs, at every level.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Where this host's votes go (never the repository's data folder).</summary>
    public string FeedbackFile { get; }

    /// <summary>Where this host's unanswered questions go (beside <see cref="FeedbackFile"/>).</summary>
    public string UnansweredFile => Path.Combine(Path.GetDirectoryName(FeedbackFile)!, "unanswered.jsonl");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Folder", CorpusFolder);
        builder.UseSetting("Index:Folder", IndexFolder);
        builder.UseSetting("Feedback:File", FeedbackFile);
        builder.UseSetting("Feedback:UnansweredFile", UnansweredFile);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // Start-up indexing runs in the background: a test that asks questions waits for the archive.
        if (_waitForIndex && !host.Services.GetRequiredService<NewsroomArchive>().FirstPass.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The first indexing pass did not end within 60 s");
        }

        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(CorpusFolder, recursive: true);
        // An index folder passed in belongs to the test (it may start a second host on it).
        if (_ownsIndexFolder && Directory.Exists(IndexFolder))
        {
            Directory.Delete(IndexFolder, recursive: true);
        }

        if (Directory.Exists(Path.GetDirectoryName(FeedbackFile)))
        {
            Directory.Delete(Path.GetDirectoryName(FeedbackFile)!, recursive: true);
        }
    }
}
