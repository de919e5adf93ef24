using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Newsroom.Bot.Tests;

/// <summary>The local Direct Line channel over HTTP, as Web Chat's directlinejs client uses it.</summary>
public sealed class DirectLineChannelTests : IAsyncLifetime
{
    private const string Question = "Which countries did U.S. officials approach about deportation deals?";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private BotHost _host = null!;
    private WebApplicationFactoryWithClock _app = null!;

    public Task InitializeAsync() => UseHostAsync([]);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Starting_a_conversation_brings_the_bots_welcome()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();

        var welcome = Assert.Single(await client.PollAsync());

        Assert.Equal("message", (string?)welcome["type"]);
        Assert.Equal("bot", (string?)welcome["from"]!["role"]);
        Assert.Contains("I answer questions from the newsroom's reporting", (string?)welcome["text"]);
    }

    [Fact]
    public async Task The_users_message_comes_back_with_its_id_and_client_activity_id_before_the_cited_answer()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        await client.PollAsync();

        var id = await client.SayAsync(Question, clientActivityId: "abc-123");
        var activities = await client.PollAsync();

        var echo = activities[0];
        Assert.Equal(id, (string?)echo["id"]);
        Assert.Equal("abc-123", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Equal(Question, (string?)echo["text"]);
        // The token, not the client, says who speaks.
        Assert.NotEqual("someone-else", (string?)echo["from"]!["id"]);
        var answer = activities.Single(a => (string?)a["type"] == "message" && (string?)a["from"]!["role"] == "bot");
        Assert.Equal(id, (string?)answer["replyToId"]);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)answer["text"]);
        Assert.Contains("[1]: cite:1 \"U.S. officials say the Trump administration may soon deport immigrants to Libya.\"", (string?)answer["text"]);
        var entity = Assert.Single(answer["entities"]!.AsArray())!;
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal(1, (int?)entity["citation"]![0]!["position"]);
    }

    [Fact]
    public async Task A_second_conversations_token_cannot_read_or_write_the_first_conversation()
    {
        var first = await new DirectLineClient(_app.CreateClient()).StartAsync();
        await first.SayAsync(Question);
        var second = await new DirectLineClient(_app.CreateClient()).StartAsync();

        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden,
            second.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{first.ConversationId}/activities?watermark="));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden,
            second.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{first.ConversationId}/activities", new { type = "message", text = "hi" }));
        Assert.Single(await second.PollAsync());
    }

    [Fact]
    public async Task A_missing_or_forged_token_is_refused()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        var path = $"/v3/directline/conversations/{client.ConversationId}/activities";
        var forged = client.Token[..^4] + (client.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden, client.SendAsync(HttpMethod.Get, path, token: forged));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden, client.SendAsync(HttpMethod.Get, path, token: "not-a-token"));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden, _app.CreateClient().GetAsync(path));
    }

    [Fact]
    public async Task A_refreshed_token_keeps_reading_the_same_conversation_after_the_old_one_expires()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        _time.Advance(TimeSpan.FromMinutes(15));
        var refreshed = await DirectLineClient.ReadAsync(await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh"));
        var oldToken = client.Token;

        _time.Advance(TimeSpan.FromMinutes(20));

        var path = $"/v3/directline/conversations/{client.ConversationId}/activities";
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.Forbidden, client.SendAsync(HttpMethod.Get, path, token: oldToken));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.OK, client.SendAsync(HttpMethod.Get, path, token: (string)refreshed["token"]!));
        Assert.Equal(client.ConversationId, (string?)refreshed["conversationId"]);
    }

    [Fact]
    public async Task An_idle_conversation_expires_with_its_activities()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        var token = client.Token;

        // Refreshing keeps the token alive but is not using the conversation; after an hour idle it is gone.
        for (var i = 0; i < 2; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(29));
            token = (string)(await DirectLineClient.ReadAsync(await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token: token)))["token"]!;
        }

        _time.Advance(TimeSpan.FromMinutes(3));

        // Ended (404) tells directlinejs the conversation is over, and the page offers a new one.
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.NotFound,
            client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", token: token));
    }

    [Fact]
    public async Task A_conversation_keeps_only_its_latest_activities()
    {
        await UseHostAsync(new() { ["DirectLine:MaxActivitiesPerConversation"] = "10" });
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();

        for (var i = 0; i < 6; i++)
        {
            await client.SayAsync("help", clientActivityId: $"c{i}");
        }

        // Welcome + 6 × (message + reply) = 13 activities ever; the 10 latest are kept, the watermark counts all.
        var kept = await client.PollAsync();
        Assert.Equal(10, kept.Count);
        Assert.Equal("13", client.Watermark);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task The_number_of_conversations_is_bounded()
    {
        await UseHostAsync(new() { ["DirectLine:MaxConversations"] = "2" });
        await new DirectLineClient(_app.CreateClient()).StartAsync();
        await new DirectLineClient(_app.CreateClient()).StartAsync();

        await AssertChannelIsFullAsync();

        _time.Advance(TimeSpan.FromMinutes(61));
        await new DirectLineClient(_app.CreateClient()).StartAsync();
    }

    [Fact]
    public async Task Conversations_opened_and_never_used_make_room_for_new_people_once_the_channel_is_full()
    {
        // Someone opens every conversation the channel has (from many addresses) and says nothing in them.
        await UseHostAsync(new() { ["DirectLine:MaxConversations"] = "3", ["DirectLine:UnusedConversationSeconds"] = "60" });
        var reader = await new DirectLineClient(_app.CreateClient()).StartAsync();
        await reader.SayAsync("help");
        await new DirectLineClient(_app.CreateClient()).StartAsync();
        await new DirectLineClient(_app.CreateClient()).StartAsync();
        await AssertChannelIsFullAsync();

        _time.Advance(TimeSpan.FromSeconds(61));
        var newcomer = await new DirectLineClient(_app.CreateClient()).StartAsync();
        await newcomer.SayAsync(Question);

        Assert.Contains(await newcomer.PollAsync(), a => ((string?)a["text"] ?? string.Empty).Contains("Angola, Benin, Esvatini, Moldova and Rwanda"));
        await reader.SayAsync(Question); // the conversation someone used is still there
        Assert.Equal(2, _app.Services.GetRequiredService<Channels.DirectLine.LocalConversations>().Count);
    }

    [Fact]
    public async Task A_conversation_flooded_with_large_activities_keeps_a_bounded_history_and_each_poll_is_bounded()
    {
        await UseHostAsync(new() { ["DirectLine:MaxConversationBytes"] = "65536", ["DirectLine:MaxPollBytes"] = "16384" });
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        var path = $"/v3/directline/conversations/{client.ConversationId}/activities";

        for (var i = 0; i < 40; i++)
        {
            await DirectLineClient.AssertStatusAsync(HttpStatusCode.OK, client.SendAsync(HttpMethod.Post, path, new { type = "event", name = "flood", value = new string('x', 30_000) }));
        }

        Assert.InRange(_app.Services.GetRequiredService<Channels.DirectLine.LocalConversations>().Bytes, 1, 65536);
        // A poll with no watermark (the whole history, before these limits) returns one bounded page; the watermark goes on from it.
        var whole = await client.SendAsync(HttpMethod.Get, path);
        var page = await whole.Content.ReadAsStringAsync();
        Assert.InRange(page.Length, 1, 16384 + 31_000);
        var watermark = (string)System.Text.Json.Nodes.JsonNode.Parse(page)!["watermark"]!;
        var next = await (await client.SendAsync(HttpMethod.Get, $"{path}?watermark={watermark}")).Content.ReadAsStringAsync();
        Assert.NotEqual(page, next);
        Assert.InRange(next.Length, 1, 16384 + 31_000);
    }

    [Fact]
    public async Task One_client_cannot_ask_for_new_conversations_without_limit()
    {
        await UseHostAsync(new() { ["DirectLine:NewConversationsPerMinutePerClient"] = "3" });
        var http = _app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await DirectLineClient.AssertStatusAsync(HttpStatusCode.OK, http.PostAsync(i % 2 == 0 ? "/webchat/token" : "/v3/directline/tokens/generate", null));
        }

        await DirectLineClient.AssertStatusAsync(HttpStatusCode.TooManyRequests, http.PostAsync("/webchat/token", null));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.TooManyRequests, http.PostAsync("/v3/directline/tokens/generate", null));
    }

    [Fact]
    public async Task Oversized_or_malformed_activities_are_refused_without_a_server_error()
    {
        var client = await new DirectLineClient(_app.CreateClient()).StartAsync();
        var path = $"/v3/directline/conversations/{client.ConversationId}/activities";

        await DirectLineClient.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge,
            client.SendAsync(HttpMethod.Post, path, new { type = "message", text = new string('a', 40_000) }));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.BadRequest, PostRawAsync(client, path, "{\"type\":\"message\",\"text\":"));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.BadRequest, PostRawAsync(client, path, "[1,2,3]"));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.BadRequest, client.SendAsync(HttpMethod.Post, path, new { type = "invoke", name = "x" }));
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.BadRequest, PostRawAsync(client, path, new string('[', 5000)));
        var latin1 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"}")]);
        latin1.Headers.ContentType = new("application/json");
        var notUtf8 = new HttpRequestMessage(HttpMethod.Post, path) { Content = latin1 };
        notUtf8.Headers.Authorization = new("Bearer", client.Token);
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.BadRequest, client.SendRawAsync(notUtf8));
    }

    /// <summary>A newcomer gets a token but no conversation: 429.</summary>
    private async Task AssertChannelIsFullAsync()
    {
        var http = _app.CreateClient();
        var token = (string)(await DirectLineClient.ReadAsync(await http.PostAsync("/v3/directline/tokens/generate", null)))["token"]!;
        await DirectLineClient.AssertStatusAsync(HttpStatusCode.TooManyRequests,
            new DirectLineClient(http).SendAsync(HttpMethod.Post, "/v3/directline/conversations", token: token));
    }

    private static Task<HttpResponseMessage> PostRawAsync(DirectLineClient client, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", client.Token);
        return client.SendRawAsync(request);
    }

    private async Task UseHostAsync(Dictionary<string, string?> settings)
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            await _host.DisposeAsync();
        }

        _host = new BotHost(settings: settings);
        _app = new WebApplicationFactoryWithClock(_host, _time);
    }

    /// <summary>The host with its clock replaced, so expiry can be tested without waiting.</summary>
    private sealed class WebApplicationFactoryWithClock(BotHost host, FakeTimeProvider time) : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory =
            host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time)));

        public HttpClient CreateClient() => _factory.CreateClient();

        public IServiceProvider Services => _factory.Services;

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}
