using Microsoft.Playwright;

namespace Newsroom.Bot.BrowserTests;

/// <summary>
/// Debian's chromium, driven by Playwright (whose own browser download cannot work here). The
/// flags keep a headless run quiet and self-contained: no sandbox (CI runs as root), no GPU, and no
/// background traffic to Google's services.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
