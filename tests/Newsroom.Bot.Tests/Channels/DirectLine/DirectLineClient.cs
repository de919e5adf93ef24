using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>Speaks the Direct Line 3.0 REST protocol to the host as botframework-directlinejs does when polling.</summary>
internal sealed class DirectLineClient(HttpClient http)
{
    public string Token { get; private set; } = string.Empty;

    public string ConversationId { get; private set; } = string.Empty;

    public string Watermark { get; private set; } = string.Empty;

    /// <summary>Gets a token for a new conversation and starts it.</summary>
    public async Task<DirectLineClient> StartAsync()
    {
        var generated = await ReadAsync(await http.PostAsync("/v3/directline/tokens/generate", null));
        Token = (string)generated["token"]!;
        var started = await ReadAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations"));
        ConversationId = (string)started["conversationId"]!;
        return this;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request) => http.SendAsync(request);

    /// <summary>Posts a message as Web Chat does, with a client activity id; returns the id the channel gave it.</summary>
    public async Task<string> SayAsync(string text, string clientActivityId = "client-1")
    {
        var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new
        {
            type = "message",
            text,
            from = new { id = "someone-else", name = "Reader" },
            channelData = new { clientActivityID = clientActivityId },
        });
        return (string)(await ReadAsync(response))["id"]!;
    }

    /// <summary>The activities since the last call, as a polling client sees them.</summary>
    public async Task<List<JsonObject>> PollAsync()
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}");
        var set = await ReadAsync(response);
        Watermark = (string)set["watermark"]!;
        return set["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task AssertStatusAsync(HttpStatusCode expected, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(expected, response.StatusCode);
    }
}
