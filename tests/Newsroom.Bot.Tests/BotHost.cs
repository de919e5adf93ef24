using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsroom.Bot.Hosting;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The real host in process (WebApplicationFactory), each instance with its own copy of the
/// repository's corpus and its own index folder, so tests never share state.
/// </summary>
internal sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly ILoggerProvider? _logs;

    private readonly bool _waitForIndex;

    /// <param name="indexFolder">The index folder (a new temporary one when null).</param>
    /// <param name="settings">Settings over appsettings.json.</param>
    /// <param name="logs">A logger provider to capture the host's logs.</param>
    /// <param name="waitForIndex">Whether the first client waits until the background indexing pass has ended (as a test of answers wants), or not (as a test of start-up wants).</param>
    public BotHost(string? indexFolder = null, Dictionary<string, string?>? settings = null, ILoggerProvider? logs = null, bool waitForIndex = true)
    {
        _logs = logs;
        _waitForIndex = waitForIndex;
        CorpusFolder = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
        foreach (var file in Directory.GetFiles(Repository.Corpus))
        {
            File.Copy(file, Path.Combine(CorpusFolder, Path.GetFileName(file)));
        }

        IndexFolder = indexFolder ?? Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        _settings = settings ?? [];
    }

    public string CorpusFolder { get; }

    public string IndexFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Folder", CorpusFolder);
        builder.UseSetting("Index:Folder", IndexFolder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_logs is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_logs));
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (_waitForIndex && !host.Services.GetRequiredService<ArchiveStatus>().FirstPass.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The first indexing pass did not end within 60 s");
        }

        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(CorpusFolder, recursive: true);
    }
}
