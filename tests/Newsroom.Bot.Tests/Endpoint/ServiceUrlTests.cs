using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// Emulator mode (no MicrosoftAppId) authenticates nobody, so the serviceUrl an activity names is
/// the only thing deciding where the bot POSTs its replies: it must not be anywhere a stranger
/// chooses. These tests put the "stranger's" server on this machine's own network address, which
/// is not loopback, so a reply that should not be sent would be seen arriving.
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

    /// <summary>This machine's first IPv4 address that is not loopback (a container, a laptop on a network: there is one).</summary>
    private static string NetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?.ToString() ?? throw new InvalidOperationException("This machine has no network address besides loopback to run the test on");

    [Fact]
    public async Task In_emulator_mode_a_service_url_off_this_machine_is_refused_with_403_and_gets_no_post()
    {
        await using var elsewhere = await FakeChannel.StartAsync(NetworkAddress());
        await using var host = new BotHost();

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Message(elsewhere.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Bot:AllowedServiceUrls", await response.Content.ReadAsStringAsync());
        Assert.Empty(elsewhere.TakeAll());
        var refused = Assert.Single(host.Logs.Entries, entry => entry.StartsWith("Warning Newsroom.Bot: Refused an activity", StringComparison.Ordinal));
        Assert.Contains(new Uri(elsewhere.ServiceUrl).Authority, refused);
        Assert.Contains("Bot:AllowedServiceUrls", refused);
    }

    [Fact]
    public async Task A_service_url_listed_in_the_settings_gets_its_replies()
    {
        await using var listed = await FakeChannel.StartAsync(NetworkAddress());
        await using var host = new BotHost(settings: new() { ["Bot:AllowedServiceUrls:0"] = listed.ServiceUrl });

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Message(listed.ServiceUrl));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var answer = Assert.Single(listed.TakeAll(), reply => (string?)reply["type"] == "message");
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)answer["text"]);
    }

    [Fact]
    public async Task With_expect_replies_any_service_url_is_answered_in_the_response_and_never_called()
    {
        await using var elsewhere = await FakeChannel.StartAsync(NetworkAddress());
        await using var host = new BotHost();

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Message(elsewhere.ServiceUrl, deliveryMode: "expectReplies"));

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(body["activities"]!.AsArray(), a => ((string?)a!["text"] ?? string.Empty).Contains("Angola, Benin, Esvatini, Moldova and Rwanda"));
        Assert.Empty(elsewhere.TakeAll()); // the SDK buffers expectReplies replies: nothing is POSTed anywhere
    }

    [Fact]
    public async Task With_credentials_configured_the_token_decides_not_the_service_url()
    {
        // Not Emulator mode: an unauthenticated request is the SDK's 401, whatever it names.
        await using var host = new BotHost(settings: new() { ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001", ["MicrosoftAppPassword"] = "not-a-real-secret" });

        var response = await host.CreateClient().PostAsJsonAsync("/api/messages", Message("https://smba.trafficmanager.net/emea/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
