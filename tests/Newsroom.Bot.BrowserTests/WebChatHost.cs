using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Newsroom.Bot.BrowserTests;

/// <summary>
/// The real host on Kestrel, on a free loopback port, over its own copy of the repository's corpus
/// plus a Markdown article that has a link, and its own index folder.
/// </summary>
internal sealed class WebChatHost : WebApplicationFactory<Program>
{
    public const string LinkedTitle = "Harbor pilots end strike after six days";

    public const string LinkedUrl = "https://example.com/news/harbor-pilots-strike";

    private readonly string _corpus;
    private readonly string _index;

    public WebChatHost()
    {
        _corpus = Directory.CreateTempSubdirectory("newsroom-browser-corpus-").FullName;
        _index = Directory.CreateTempSubdirectory("newsroom-browser-index-").FullName;
        Repository.CopyCorpusTo(_corpus);

        File.WriteAllText(Path.Combine(_corpus, "harbor-pilots.md"), $"""
            ---
            title: {LinkedTitle}
            author: Jane Doe
            source: Harbor Gazette
            date: 2025-05-06
            url: {LinkedUrl}
            ---
            The harbor pilots ended their strike on Tuesday after the port authority agreed to hire twelve more pilots.

            Cargo ships waiting outside the breakwater began entering the harbor on Wednesday morning.
            """);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the page is, once <see cref="Start"/> has run.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public WebChatHost Start()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        WaitUntilHealthy();
        return this;
    }

    /// <summary>
    /// The host indexes corpus/ in the background after it starts listening, and /health answers 503
    /// while the (new, empty) index is built: the tests ask questions, so they wait for the archive.
    /// </summary>
    private void WaitUntilHealthy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (http.GetAsync("health").GetAwaiter().GetResult().StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("/health did not answer 200 within 60 s");
            }

            Thread.Sleep(100);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Folder", _corpus);
        builder.UseSetting("Index:Folder", _index);
        builder.UseSetting("Feedback:RecordUnanswered", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_index, recursive: true);
    }
}

