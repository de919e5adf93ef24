using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// A stand-in for the Bot Framework Emulator's channel service on a loopback port: it receives
/// the replies the bot POSTs to {serviceUrl}/v3/conversations/{id}/activities/{replyToId}.
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private FakeChannel(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <param name="address">The IP address to listen on (loopback unless a test needs the channel somewhere else).</param>
    public static async Task<FakeChannel> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        // A channel answers whatever host name the bot was given for it (tests name hosts in .invalid).
        builder.Configuration["AllowedHosts"] = "*";
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpRequest request) =>
        {
            var activity = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            activity["_path"] = request.Path.Value;
            channel._received.Enqueue(activity);
            channel._arrived.Release();
            return Results.Ok(new { id = Guid.NewGuid().ToString() });
        });
        await app.StartAsync();
        channel.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return channel;
    }

    /// <summary>Waits for the next activity the bot sends.</summary>
    public async Task<JsonObject> NextAsync()
    {
        if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException("The bot sent nothing to the channel within 15 s");
        }

        _received.TryDequeue(out var activity);
        return activity!;
    }

    /// <summary>
    /// Everything received so far. The adapter answers the POST to /api/messages only after the
    /// turn has sent its replies, so after that response this is every reply to it.
    /// </summary>
    public IReadOnlyList<JsonObject> TakeAll()
    {
        var all = new List<JsonObject>();
        while (_arrived.Wait(0) && _received.TryDequeue(out var activity))
        {
            all.Add(activity);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
