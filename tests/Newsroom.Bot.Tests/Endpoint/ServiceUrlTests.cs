using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// Emulator mode (no MicrosoftAppId) authenticates nobody, so the serviceUrl an activity names is
/// the only thing deciding where the bot POSTs its replies: it must not be anywhere a stranger
/// chooses. The "stranger's" server is named by an unresolvable <c>.invalid</c> host, which the
/// policy must treat as off this machine; the bot's outgoing HTTP connections are routed to a
/// channel stand-in on loopback, so a reply that should not be sent would be seen arriving, and no
/// request ever leaves this machine.
/// </summary>
public sealed class ServiceUrlTests
{
    private const string Question = "Which countries did U.S. officials approach about deportation deals?";

    private static JsonObject Message(string serviceUrl, string? deliveryMode = null) => (TestActivity.Message(Question) with
    {
        ServiceUrl = serviceUrl,
        DeliveryMode = deliveryMode,
        From = new("user1", "Reporter"),
        Recipient = new("bot", "Newsroom bot"),
    }).ToJson();

    /// <summary>A service URL on a host name no resolver knows: off this machine as far as the policy can tell.</summary>
    private static string Elsewhere(FakeChannel channel) => $"http://stranger.invalid:{new Uri(channel.ServiceUrl).Port}/";

    private static HttpClient ClientRoutedTo(BotHost host, FakeChannel channel) => host.ClientRoutedTo(new Uri(channel.ServiceUrl).Port);

    [Fact]
    public async Task In_emulator_mode_a_service_url_off_this_machine_is_refused_with_403_and_gets_no_post()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();

        var response = await ClientRoutedTo(host, channel).PostAsJsonAsync("/api/messages", Message(Elsewhere(channel)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Bot:AllowedServiceUrls", await response.Content.ReadAsStringAsync());
        Assert.Empty(channel.TakeAll());
        var refused = Assert.Single(host.Logs.Entries, entry => entry.StartsWith("Warning Newsroom.Bot: Refused an activity", StringComparison.Ordinal));
        Assert.Contains(new Uri(Elsewhere(channel)).Authority, refused);
        Assert.Contains("Bot:AllowedServiceUrls", refused);
    }

    [Fact]
    public async Task A_service_url_listed_in_the_settings_gets_its_replies()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost(settings: new() { ["Bot:AllowedServiceUrls:0"] = Elsewhere(channel) });

        var response = await ClientRoutedTo(host, channel).PostAsJsonAsync("/api/messages", Message(Elsewhere(channel)));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var answer = Assert.Single(channel.TakeAll(), reply => (string?)reply["type"] == "message");
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)answer["text"]);
    }

    [Fact]
    public async Task With_expect_replies_any_service_url_is_answered_in_the_response_and_never_called()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();

        var response = await ClientRoutedTo(host, channel).PostAsJsonAsync("/api/messages", Message(Elsewhere(channel), deliveryMode: "expectReplies"));

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(body["activities"]!.AsArray(), a => ((string?)a!["text"] ?? string.Empty).Contains("Angola, Benin, Esvatini, Moldova and Rwanda"));
        Assert.Empty(channel.TakeAll()); // the SDK buffers expectReplies replies: nothing is POSTed anywhere
    }

    [Fact]
    public async Task With_credentials_configured_the_token_decides_not_the_service_url()
    {
        // Not Emulator mode: an unauthenticated request is the SDK's 401, whatever it names.
        await using var host = new BotHost(settings: new() { ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001", ["MicrosoftAppPassword"] = "not-a-real-secret" });

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Message("https://smba.trafficmanager.net/emea/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("\"serviceUrl\": \"http://127.0.0.1:9/\", \"ServiceUrl\": \"{elsewhere}\"")]
    [InlineData("\"serviceUrl\": \"{elsewhere}\", \"deliveryMode\": \"expectReplies\", \"DeliveryMode\": \"normal\"")]
    [InlineData("\"serviceUrl\": \"{elsewhere}\", \"deliveryMode\": \"expectReplies\", \"deliveryMode\": \"normal\"")]
    [InlineData("\"serviceUrl\": \"http://127.0.0.1:9/\", \"conversation\": {\"id\": \"c\", \"ID\": \"d\"}, \"x\": 1")]
    public async Task An_activity_naming_one_property_twice_in_different_cases_is_refused_and_nothing_is_sent(string properties)
    {
        // The SDK reads names case-insensitively and keeps the last value: checked on one value, it
        // would act on the other.
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var json = "{\"type\": \"message\", \"id\": \"1\", \"channelId\": \"emulator\", \"from\": {\"id\": \"u\"}, \"recipient\": {\"id\": \"bot\"}, " +
            (properties.Contains("\"conversation\"", StringComparison.Ordinal) ? string.Empty : "\"conversation\": {\"id\": \"c\"}, ") +
            "\"text\": \"" + Question + "\", " + properties.Replace("{elsewhere}", Elsewhere(channel) + "api/", StringComparison.Ordinal) + "}";

        var response = await ClientRoutedTo(host, channel).PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("appears more than once", await response.Content.ReadAsStringAsync());
        await Task.Delay(200);
        Assert.Empty(channel.TakeAll());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    [InlineData(null)]
    public async Task An_activity_not_sent_as_json_is_refused_with_415_so_no_web_page_can_post_one_across_origins(string? contentType)
    {
        // The three content types a page may send cross-origin without asking first (a CORS "simple request"), and none.
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var content = JsonContent.Create(Message("http://127.0.0.1:9/", deliveryMode: "expectReplies"));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        var response = await ClientRoutedTo(host, channel).PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("Angola", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_service_url_spelled_in_another_case_is_checked_as_the_sdk_reads_it()
    {
        // "DeliveryMode" alone is what the SDK takes as the delivery mode: the check reads it too.
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var json = "{\"type\": \"message\", \"id\": \"1\", \"channelId\": \"emulator\", \"from\": {\"id\": \"u\"}, \"recipient\": {\"id\": \"bot\"}, " +
            "\"conversation\": {\"id\": \"c\"}, \"text\": \"" + Question + "\", \"serviceUrl\": \"" + Elsewhere(channel) + "\", \"DeliveryMode\": \"expectReplies\"}";

        var response = await ClientRoutedTo(host, channel).PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        response.EnsureSuccessStatusCode();
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", await response.Content.ReadAsStringAsync());
        Assert.Empty(channel.TakeAll());
    }

    [Fact]
    public async Task In_emulator_mode_an_activity_claiming_the_built_in_web_chat_channel_is_refused()
    {
        // Its conversations are reached with their own token through /v3/directline; here anyone
        // naming a conversation id could act in it ("more" on someone else's answer), also after it ended.
        await using var host = new BotHost();
        var json = "{\"type\": \"message\", \"id\": \"1\", \"channelId\": \"directline\", \"serviceUrl\": \"http://localhost:3978/v3/directline/\", " +
            "\"deliveryMode\": \"expectReplies\", \"from\": {\"id\": \"u\"}, \"recipient\": {\"id\": \"bot\"}, \"conversation\": {\"id\": \"someone-elses\"}, \"text\": \"more\"}";

        var response = await host.CreateClient().PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("/v3/directline", await response.Content.ReadAsStringAsync());
    }
}
