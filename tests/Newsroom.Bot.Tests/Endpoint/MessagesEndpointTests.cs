using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>POST /api/messages on the real host, as the Emulator and channels call it.</summary>
public sealed class MessagesEndpointTests
{
    private const string CountriesQuestion = "Which countries did U.S. officials approach about deportation deals?";

    private static JsonObject Message(string text, string serviceUrl = "http://127.0.0.1:9/", string? deliveryMode = null) => (TestActivity.Message(text) with
    {
        ServiceUrl = serviceUrl,
        DeliveryMode = deliveryMode,
        From = new("user1", "Reporter"),
        Recipient = new("bot", "Newsroom bot"),
    }).ToJson();

    [Fact]
    public async Task In_emulator_mode_the_cited_answer_is_posted_back_to_the_service_url()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/messages", Message(CountriesQuestion, channel.ServiceUrl));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var typing = await channel.NextAsync();
        Assert.Equal("typing", (string?)typing["type"]);
        var answer = await channel.NextAsync();
        Assert.Equal("message", (string?)answer["type"]);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", (string?)answer["text"]);
        Assert.Contains("paragraph 13, sentence 1", (string?)answer["text"]);
        Assert.StartsWith("/v3/conversations/", (string?)answer["_path"]);
    }

    [Fact]
    public async Task With_expect_replies_the_answer_comes_back_in_the_response()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/messages", Message(CountriesQuestion, deliveryMode: "expectReplies"));

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var texts = body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]).ToList();
        var text = Assert.Single(texts);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", text);
        Assert.Contains("Camilo Montoya-Galvez", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("title:\"x\" AND (")]
    [InlineData("🙂🙂")]
    [InlineData("¿Qué países aceptan deportados de Estados Unidos?")]
    public async Task Odd_questions_get_a_polite_reply_not_an_error(string text)
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/messages", Message(text, deliveryMode: "expectReplies"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"message\"", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task A_five_thousand_character_message_gets_a_polite_reply()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/messages", Message(new string('q', 5000), deliveryMode: "expectReplies"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("one question at a time", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("[]")]
    public async Task A_malformed_activity_is_a_client_error_not_a_server_error(string body)
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task A_binary_file_in_the_corpus_is_skipped_and_the_bot_still_answers()
    {
        await using var host = new BotHost();
        await File.WriteAllBytesAsync(Path.Combine(host.CorpusFolder, "scan.txt"), [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xFF]);
        var client = host.CreateClient();

        var health = await client.GetFromJsonAsync<JsonObject>("/health");
        var response = await client.PostAsJsonAsync("/api/messages", Message(CountriesQuestion, deliveryMode: "expectReplies"));

        Assert.Equal(1, (int)health!["articles"]!);
        Assert.Contains("Angola", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_restart_reuses_the_index_when_the_corpus_has_not_changed()
    {
        var indexFolder = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        try
        {
            await using (var first = new BotHost(indexFolder))
            {
                first.CreateClient();
            }

            var commitsBefore = Directory.GetFiles(indexFolder, "segments_*").Select(Path.GetFileName).ToList();
            await using var second = new BotHost(indexFolder);
            var health = await second.CreateClient().GetFromJsonAsync<JsonObject>("/health");

            Assert.Equal(16, (int)health!["sentences"]!);
            Assert.Equal(commitsBefore, Directory.GetFiles(indexFolder, "segments_*").Select(Path.GetFileName).ToList());
        }
        finally
        {
            Directory.Delete(indexFolder, recursive: true);
        }
    }
}
