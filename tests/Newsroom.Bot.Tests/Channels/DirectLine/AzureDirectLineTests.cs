using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Bot.Channels.DirectLine;

namespace Newsroom.Bot.Tests;

/// <summary>The page pointed at Azure's Direct Line by configuration (Azure itself replaced by a recording handler).</summary>
public sealed class AzureDirectLineTests
{
    private static readonly Dictionary<string, string?> AzureSettings = new()
    {
        ["DirectLine:Endpoint"] = "https://directline.example/v3/directline",
        ["DirectLine:Secret"] = "s3cret-never-in-the-browser",
    };

    [Fact]
    public async Task With_an_azure_endpoint_the_host_exchanges_its_secret_for_a_token_and_the_page_talks_to_azure()
    {
        var azure = new RecordingHandler("{\"conversationId\":\"azure-conv\",\"token\":\"azure-token\",\"expires_in\":1800}");
        await using var host = new BotHost(settings: AzureSettings);
        await using var app = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(nameof(WebChatPage)).ConfigurePrimaryHttpMessageHandler(() => azure)));
        var http = app.CreateClient();

        var response = await http.PostAsync("/webchat/token", null);
        var body = await response.Content.ReadAsStringAsync();
        var connection = JsonNode.Parse(body)!;

        Assert.Equal("https://directline.example/v3/directline/tokens/generate", azure.Request?.RequestUri?.ToString());
        Assert.Equal("Bearer s3cret-never-in-the-browser", azure.Request?.Headers.Authorization?.ToString());
        Assert.Equal("https://directline.example/v3/directline", (string?)connection["domain"]);
        Assert.Equal("azure-token", (string?)connection["token"]);
        Assert.DoesNotContain("s3cret", body);
        var page = await http.GetAsync("/");
        Assert.Contains("connect-src 'self' https://directline.example wss://directline.example", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
        // The local channel is not served when Azure's is used.
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
    }

    [Fact]
    public async Task When_azure_refuses_the_page_gets_a_polite_503()
    {
        var azure = new RecordingHandler("{\"error\":{\"code\":\"Unauthorized\"}}", HttpStatusCode.Forbidden);
        await using var host = new BotHost(settings: AzureSettings);
        await using var app = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(nameof(WebChatPage)).ConfigurePrimaryHttpMessageHandler(() => azure)));

        var response = await app.CreateClient().PostAsync("/webchat/token", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not reachable right now", await response.Content.ReadAsStringAsync());
    }

    private sealed class RecordingHandler(string json, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
