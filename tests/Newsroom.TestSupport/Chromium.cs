namespace Newsroom.Testing;

/// <summary>
/// Debian's chromium, for Playwright (whose own browser download cannot work here). The flags keep
/// a headless run quiet and self-contained: no sandbox (CI runs as root), no GPU, and no background
/// traffic to Google's services. Playwright itself stays with the browser tests: its package copies
/// its driver into every project that references it.
/// </summary>
public static class Chromium
{
    /// <summary>The browser's program, from the Debian package "chromium".</summary>
    public static string ExecutablePath => SystemPackages.Programs["chromium"];

    /// <summary>The command-line flags of a headless test run.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
}
