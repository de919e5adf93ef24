using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.LoadTest;

/// <summary>
/// A hostile client of the built-in web chat channel, as seen on loopback: from many addresses
/// (claimed in X-Forwarded-For, which the bot believes from a proxy on this machine, as behind a
/// real reverse proxy), it opens as many conversations as it is given, posts the largest activities
/// the channel takes and polls whole histories without a watermark, as fast as it can, until
/// stopped. It counts what it was given and refused; it never stops on an error.
/// </summary>
internal sealed class DirectLineAttack(HttpClient http, int addresses)
{
    private static readonly string Payload = new('x', 30_000);
    private long _conversations;
    private long _posts;
    private long _polls;
    private long _refused;
    private long _bytesPolled;

    /// <summary>Runs <paramref name="loops"/> attackers until <paramref name="stop"/>.</summary>
    public Task RunAsync(int loops, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(() => AttackAsync(new Random(1000 + loop), stop))));

    /// <summary>What the attack achieved, for the report.</summary>
    public string Summary =>
        $"{_conversations:N0} conversations opened, {_posts:N0} 30 kB activities posted, {_polls:N0} polls without a watermark ({_bytesPolled / 1048576.0:N0} MB read), {_refused:N0} requests refused";

    private async Task AttackAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var address = $"198.51.{random.Next(addresses) / 250}.{random.Next(addresses) % 250 + 1}";
                var token = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", address, token: null, body: null, stop);
                if (token?["token"] is not { } value)
                {
                    continue;
                }

                var conversation = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", address, (string)value!, body: null, stop);
                if (conversation?["conversationId"] is not { } id)
                {
                    continue;
                }

                Interlocked.Increment(ref _conversations);
                for (var i = 0; i < 5 && !stop.IsCancellationRequested; i++)
                {
                    if (await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", address, (string)value!, new { type = "event", name = "flood", value = Payload }, stop) is not null)
                    {
                        Interlocked.Increment(ref _posts);
                    }

                    if (await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", address, (string)value!, body: null, stop) is { } history)
                    {
                        Interlocked.Increment(ref _polls);
                        Interlocked.Add(ref _bytesPolled, history.ToJsonString().Length);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                // An attacker does not give up.
            }
        }
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string address, string? token, object? body, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, stop);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _refused);
            return null;
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync(stop));
    }
}

/// <summary>
/// A person in the built-in web chat during the attack: their conversation was open before it
/// began; they ask, and wait for the answer by polling as Web Chat does.
/// </summary>
internal sealed class WebChatReader(HttpClient http, string address)
{
    private string _token = string.Empty;
    private string _conversation = string.Empty;
    private string _watermark = string.Empty;

    public async Task OpenAsync()
    {
        var token = await ReadAsync(await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null));
        _token = (string)token["token"]!;
        _conversation = (string)(await ReadAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations", null)))["conversationId"]!;
    }

    /// <summary>Asks <paramref name="question"/> and returns how long the answer took to arrive, or null if it did not within 10 s.</summary>
    public async Task<double?> AskAsync(string question, string expected)
    {
        var started = Stopwatch.GetTimestamp();
        await ReadAsync(await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{_conversation}/activities", new { type = "message", text = question, from = new { id = "reader" } }));
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            var set = await ReadAsync(await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{_conversation}/activities?watermark={_watermark}", null));
            _watermark = (string)set["watermark"]!;
            if (set["activities"]!.AsArray().Any(a => (string?)a!["from"]!["role"] == "bot" && ((string?)a["text"] ?? string.Empty).Contains(expected, StringComparison.Ordinal)))
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        if (_token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return http.SendAsync(request);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? JsonNode.Parse(body)! : throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {body}");
        }
    }
}
