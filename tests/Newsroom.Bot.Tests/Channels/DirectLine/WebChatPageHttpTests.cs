using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>The web chat page as the host serves it.</summary>
public sealed class WebChatPageHttpTests
{
    [Fact]
    public async Task The_page_and_its_scripts_come_from_the_host_with_a_strict_content_security_policy()
    {
        await using var host = new BotHost();
        var http = host.CreateClient();

        var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        page.EnsureSuccessStatusCode();
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        // No inline script: every script element has a src on this origin.
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=\"(?!https?:|//))", html);
        foreach (var script in new[] { "/app.js", "/lib/webchat.js", "/lib/directline.js" })
        {
            var response = await http.GetAsync(script);
            Assert.True(response.IsSuccessStatusCode, $"{script}: HTTP {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_page_is_given_a_token_for_the_local_direct_line_by_default()
    {
        await using var host = new BotHost();

        var response = await host.CreateClient().PostAsync("/webchat/token", null);
        var connection = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("/v3/directline", (string?)connection["domain"]);
        Assert.False((bool)connection["webSocket"]!);
        Assert.False(string.IsNullOrEmpty((string?)connection["token"]));
    }
}
