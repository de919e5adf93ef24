using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Newsroom.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Newsroom.Bot.Tests;

/// <summary>The host's HTTP edge: body limits, malformed activities, rate limits, headers, secrets in logs.</summary>
public sealed class HttpProtectionTests
{
    private static string Activity(string text, string conversation = "c1") =>
        (TestActivity.Message(text) with { ConversationId = conversation }).ToJson().ToJsonString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", Json(Activity(new string('a', 300 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Activity(new string('a', 300 * 1024)))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_answered()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Activity("Which countries did U.S. officials approach about deportation deals?"))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Angola", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hundred_thousand_character_question_under_the_body_limit_gets_a_polite_reply()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", Json(Activity(new string('q', 100_000))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("one question at a time", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("\"message\"")]
    [InlineData("{}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\"}")]
    [InlineData("{\"type\":\"message\",\"text\":{\"nested\":true},\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://127.0.0.1:9/\",\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"type\":\"message\",\"from\":\"not an object\",\"text\":\"hi\",\"conversation\":{\"id\":\"c\"}}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"not a url\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"conversation\":null,\"serviceUrl\":\"http://127.0.0.1:9/\",\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"timestamp\":\"yesterday\",\"conversation\":{\"id\":\"c\"}}")]
    [InlineData("{\"type\":\"conversationUpdate\",\"membersAdded\":[null,{}],\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://127.0.0.1:9/\",\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"type\":\"message\",\"attachments\":[{\"contentType\":null,\"content\":[1,2]}],\"conversation\":{\"id\":\"c\"},\"deliveryMode\":\"expectReplies\",\"serviceUrl\":\"http://127.0.0.1:9/\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelData\":{\"a\":{\"b\":{\"c\":{\"d\":[[[[[[[[[]]]]]]]]]}}}},\"conversation\":{\"id\":\"c\"},\"deliveryMode\":\"expectReplies\",\"serviceUrl\":\"http://127.0.0.1:9/\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\"")]
    public async Task A_malformed_or_odd_activity_never_gets_a_server_error(string body)
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", Json(body));

        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_with_a_client_error()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", Json(new string('[', 50_000) + new string(']', 50_000)));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_with_a_client_error()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var content = new ByteArrayContent([0x7b, 0x22, 0x74, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/api/messages", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Hostile_messages_at_the_endpoint_never_get_a_server_error()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        // A fixed sample of the property tests' generator (seeded, so a failure replays).
        var messages = HostileInput.Generator().Sample(40, new FsCheck.Rnd(7UL, 11UL), 60);

        foreach (var message in messages)
        {
            var response = await client.PostAsync("/api/messages", Json(Activity(message.Value)));

            Assert.True((int)response.StatusCode is 200 or 413, $"HTTP {(int)response.StatusCode} for {message}");
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_web_chat_channel_answers_429_once_a_client_exceeds_its_rate()
    {
        await using var host = new BotHost(settings: new() { ["Http:WebChatPermitLimit"] = "3", ["Http:WebChatWindowSeconds"] = "600" });
        host.CreateClient();

        var first = await StatusesFrom(host, "10.1.1.1", count: 4);
        var other = await StatusesFrom(host, "10.2.2.2", count: 1);

        Assert.All(first.Take(3), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[3]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other[0]);
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("10.20.0.7", "10.20.0.7")]
    [InlineData("10.20.0.7", "10.20.0.0/24")]
    public async Task Users_behind_a_known_reverse_proxy_each_get_their_own_web_chat_rate_limit(string proxy, string? knownProxies)
    {
        // Twelve people behind one proxy, each well within the limit: none of them is refused.
        var settings = new Dictionary<string, string?> { ["Http:WebChatPermitLimit"] = "3", ["Http:WebChatWindowSeconds"] = "600" };
        if (knownProxies is not null)
        {
            settings["Http:KnownProxies:0"] = knownProxies;
        }

        await using var host = new BotHost(settings: settings);
        host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var user = 1; user <= 12; user++)
        {
            statuses.AddRange(await StatusesFrom(host, proxy, count: 3, forwardedFor: $"203.0.113.{user}"));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StatusesFrom(host, proxy, count: 1, forwardedFor: "203.0.113.1"))[0]);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_client_that_is_not_a_known_proxy_is_ignored()
    {
        // Otherwise anyone could pick a new address for each request and never be limited.
        await using var host = new BotHost(settings: new() { ["Http:WebChatPermitLimit"] = "3", ["Http:WebChatWindowSeconds"] = "600" });
        host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            statuses.AddRange(await StatusesFrom(host, "10.30.0.9", count: 1, forwardedFor: $"203.0.113.{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Fact]
    public async Task A_known_proxy_that_is_not_an_address_stops_the_bot_with_a_message_naming_the_setting()
    {
        await using var host = new BotHost(settings: new() { ["Http:KnownProxies:0"] = "proxy.example" });

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("Http:KnownProxies", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/api/messages")]
    public async Task A_request_for_another_host_name_is_refused_so_a_web_page_cannot_rebind_its_name_to_this_bot(string path)
    {
        // DNS rebinding: a page at attacker.example points its name at 127.0.0.1 and reads the bot as its own origin.
        await using var host = new BotHost();
        var client = host.CreateClient();
        using var request = new HttpRequestMessage(path == "/api/messages" ? HttpMethod.Post : HttpMethod.Get, path) { Content = path == "/api/messages" ? Json(Activity("hello")) : null };
        request.Headers.Host = "attacker.example:3978";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("articles", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("localhost:3978")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("[::1]:3978")]
    [InlineData("newsroom.example.org")]
    public async Task The_bot_answers_to_its_own_names(string hostName)
    {
        await using var host = new BotHost(settings: new() { ["AllowedHosts"] = "localhost;127.0.0.1;[::1];newsroom.example.org" });
        var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = hostName;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_bot_endpoint_is_not_rate_limited_by_client_address()
    {
        // Azure Bot Service calls /api/messages for every user from a few addresses: limiting it per address would throttle everyone.
        await using var host = new BotHost(settings: new() { ["Http:WebChatPermitLimit"] = "2" });
        var client = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/api/messages", Json(Activity("hello")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_app_password_and_bearer_tokens_never_appear_in_the_logs()
    {
        const string password = "Pa55w0rd-that-must-never-be-logged";
        const string token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZWNyZXQiOiJ0b2tlbi1tdXN0LW5ldmVyLWJlLWxvZ2dlZCJ9.c2lnbmF0dXJlLW11c3QtbmV2ZXItYmUtbG9nZ2Vk";
        await using var host = new BotHost(settings: new()
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "6f1c6f1c-0000-4000-8000-6f1c6f1c6f1c",
            ["MicrosoftAppPassword"] = password,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(Activity("hello")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request);
        var unauthenticated = await client.PostAsync("/api/messages", Json(Activity("hello")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(password, host.Logs.All);
        Assert.DoesNotContain(token, host.Logs.All);
        Assert.DoesNotContain(token.Split('.')[2], host.Logs.All);
    }

    private static async Task<List<HttpStatusCode>> StatusesFrom(BotHost host, string address, int count, string? forwardedFor = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var context = await host.Server.SendAsync(http =>
            {
                http.Request.Method = HttpMethods.Get;
                http.Request.Path = "/v3/directline/conversations";
                http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                if (forwardedFor is not null)
                {
                    http.Request.Headers["X-Forwarded-For"] = forwardedFor;
                }
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }
}
