using Newsroom.Bot.Endpoint;

namespace Newsroom.Bot.Tests;

/// <summary>Which reply addresses Emulator mode accepts: this machine, and what the settings list.</summary>
public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://LOCALHOST/", true)]
    [InlineData("http://127.0.0.1:9/", true)]
    [InlineData("http://127.45.6.7/", true)]
    [InlineData("http://[::1]:5000/", true)]
    [InlineData("http://[::ffff:127.0.0.1]/", true)]
    [InlineData("https://listed.example.com/emea/", true)]
    [InlineData("https://listed.example.com/emea/v3/conversations", true)]
    [InlineData("https://listed.example.com/amer/", false)] // same host, another path than the one listed
    [InlineData("https://listed.example.com:8443/emea/", false)]
    [InlineData("http://listed.example.com/emea/", false)] // http is not the https listed
    [InlineData("https://listed.example.com.evil.test/emea/", false)]
    [InlineData("http://localhost.evil.test/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://127.0.0.1@evil.test/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://10.0.0.5:8080/", false)]
    [InlineData("http://[fd00::2]/", false)]
    [InlineData("not a url", false)]
    public void Only_loopback_and_listed_service_urls_are_allowed(string serviceUrl, bool allowed)
    {
        var policy = new ServiceUrlPolicy(["https://listed.example.com/emea/"]);

        Assert.Equal(allowed, policy.Allows(serviceUrl));
    }
}
