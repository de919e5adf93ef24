using Xunit;

namespace Newsroom.Testing;

/// <summary>
/// The Debian packages some tests drive as real programs (a browser, a load balancer, a shared
/// state store). On a developer machine without one, those tests skip with a reason that names the
/// package to install; where CI is set they always run, so a missing install step fails the run
/// instead of hiding tests (.ci/run installs every package listed here).
/// </summary>
public static class SystemPackages
{
    /// <summary>Package name → the program the tests start.</summary>
    public static readonly IReadOnlyDictionary<string, string> Programs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chromium"] = "/usr/bin/chromium",
        ["nginx"] = "/usr/sbin/nginx",
        ["redis-server"] = "/usr/bin/redis-server",
    };

    /// <summary>True where CI is set (to anything but "false" or "0").</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>Whether the program of <paramref name="package"/> is on this machine.</summary>
    public static bool IsInstalled(string package) => File.Exists(Programs[package]);

    /// <summary>Throws, naming the package to install, when the program of <paramref name="package"/> is not on this machine.</summary>
    public static void Require(string package)
    {
        if (!IsInstalled(package))
        {
            throw new InvalidOperationException($"{Programs[package]} is missing: apt-get install -y {package} (.ci/run does this)");
        }
    }

    /// <summary>Why a test that needs <paramref name="packages"/> skips here, or null when it runs.</summary>
    public static string? SkipReason(IEnumerable<string> packages)
    {
        var missing = packages.Where(package => !IsInstalled(package)).ToList();
        if (missing.Count == 0 || InCi)
        {
            return null;
        }

        return $"{string.Join(" and ", missing.Select(package => Programs[package]))} missing: install the Debian package{(missing.Count > 1 ? "s" : string.Empty)} " +
            $"with 'apt-get install -y {string.Join(' ', missing)}' (.ci/run does this; with CI set the test runs and fails instead)";
    }
}

/// <summary>A fact that needs the programs of some Debian packages (see <see cref="SystemPackages"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SystemFactAttribute : FactAttribute
{
    /// <summary>A fact that runs only where the programs of <paramref name="packages"/> are installed, or where CI is set.</summary>
    public SystemFactAttribute(params string[] packages) => Skip = SystemPackages.SkipReason(packages);
}

/// <summary>A theory that needs the programs of some Debian packages (see <see cref="SystemPackages"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SystemTheoryAttribute : TheoryAttribute
{
    /// <summary>A theory that runs only where the programs of <paramref name="packages"/> are installed, or where CI is set.</summary>
    public SystemTheoryAttribute(params string[] packages) => Skip = SystemPackages.SkipReason(packages);
}
