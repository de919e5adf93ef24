using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// /api/messages with and without Bot Framework credentials. Microsoft's sign-in and OpenID
/// endpoints cannot be reached from the test machine, so a request with a genuine channel token
/// is not tested here; requests without one, the reply credentials and the logs are.
/// </summary>
public sealed class AuthenticationTests
{
    private const string AppId = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private const string TenantId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string Password = "Xq8~not-a-real-secret.Zm4vP7wKd2";

    private static Dictionary<string, string?> Credentials(string appType = "MultiTenant", string? tenantId = null) => new()
    {
        ["MicrosoftAppType"] = appType,
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = Password,
        ["MicrosoftAppTenantId"] = tenantId,
    };

    private static JsonObject Message(string text) => (TestActivity.Message(text) with
    {
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new("29:1a2b3c", "Reporter"),
        Recipient = new("28:" + AppId, "Newsroom"),
        ConversationId = "a:1xyz",
    }).ToJson();

    [Theory]
    [InlineData("MultiTenant", null)]
    [InlineData("SingleTenant", TenantId)]
    public async Task With_an_app_id_a_request_without_a_token_is_refused_with_401(string appType, string? tenantId)
    {
        await using var host = new BotHost(settings: Credentials(appType, tenantId));
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/messages", Message("Who was deported to Libya?"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Libya", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("basic")]
    [InlineData("forged")]
    public async Task With_an_app_id_a_request_with_a_token_not_issued_by_the_bot_framework_is_refused_with_401(string kind)
    {
        await using var host = new BotHost(settings: Credentials());
        var client = host.CreateClient();
        var (scheme, token) = kind switch
        {
            "forged" => ("Bearer", SelfSignedToken(audience: AppId)),
            "basic" => ("Basic", "dXNlcjpwYXNz"),
            _ => ("Bearer", "abc.def.ghi"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message("Who was deported to Libya?")) };
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signed with the app password")]
    [InlineData("self-signed")]
    [InlineData("expired")]
    [InlineData("from the emulator's issuer")]
    public async Task A_token_that_cannot_be_checked_because_the_signing_keys_are_unreachable_is_refused_with_401_and_the_keys_are_not_fetched_per_request(string kind)
    {
        using var outage = new KeyServerOutage();
        await using var host = new BotHost(settings: Credentials());
        var client = host.ClientRoutedTo(outage.Port);

        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message("Who was deported to Libya?")) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(kind));

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Libya", body, StringComparison.Ordinal);
        }

        Assert.InRange(outage.Connections, 0, 1);
        Assert.Single(host.Logs.Entries, entry => entry.StartsWith("Warning", StringComparison.Ordinal) && entry.Contains("signing keys could not be fetched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_emulator_mode_a_malformed_authorization_header_is_refused_with_401_not_a_server_error()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message("help")) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc.def.ghi");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_an_app_id_replies_are_sent_signed_in_as_the_bot()
    {
        await using var host = new BotHost(settings: Credentials("SingleTenant", TenantId));
        var auth = host.Services.GetRequiredService<BotFrameworkAuthentication>();
        // The identity the adapter gets from a channel's token: its audience is the bot's app id.
        var fromChannel = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, AppId), new Claim(AuthenticationConstants.AppIdClaim, AppId)]);

        using var connector = await auth.CreateConnectorFactory(fromChannel).CreateAsync("https://smba.trafficmanager.net/emea/", AuthenticationConstants.ToChannelFromBotOAuthScope, CancellationToken.None);

        var credentials = Assert.IsAssignableFrom<AppCredentials>(((ConnectorClient)connector).Credentials);
        Assert.Equal(AppId, credentials.MicrosoftAppId);
        Assert.Contains(TenantId, credentials.OAuthEndpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_emulator_mode_replies_are_sent_without_credentials()
    {
        await using var host = new BotHost();
        var auth = host.Services.GetRequiredService<BotFrameworkAuthentication>();

        var identity = (await auth.AuthenticateRequestAsync(new Microsoft.Bot.Schema.Activity { ChannelId = "emulator", ServiceUrl = "http://localhost:5000/" }, authHeader: string.Empty, CancellationToken.None)).ClaimsIdentity;
        using var connector = await auth.CreateConnectorFactory(identity).CreateAsync("http://localhost:5000/", audience: null, CancellationToken.None);

        var credentials = ((ConnectorClient)connector).Credentials;
        Assert.True(credentials is null || string.IsNullOrEmpty((credentials as AppCredentials)?.MicrosoftAppId), "Emulator mode must not sign replies in");
    }

    [Fact]
    public async Task The_password_never_appears_in_the_logs()
    {
        await using var host = new BotHost(settings: Credentials("SingleTenant", TenantId));
        var client = host.CreateClient();
        await client.PostAsJsonAsync("/api/messages", Message("Who was deported to Libya?"));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message("help")) };
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SelfSignedToken(audience: AppId));
        await client.SendAsync(forged);

        var logs = host.Logs.Entries;

        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, entry => entry.Contains(Password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.Contains(Password[..12], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_up_says_authentication_is_on_and_for_which_app()
    {
        await using var host = new BotHost(settings: Credentials("SingleTenant", TenantId));
        host.CreateClient();

        var line = Assert.Single(host.Logs.Entries, entry => entry.Contains("authentication on", StringComparison.Ordinal));
        Assert.Contains(AppId, line, StringComparison.Ordinal);
        Assert.Contains("SingleTenant", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_says_emulator_mode_when_no_app_id_is_set()
    {
        await using var host = new BotHost();
        host.CreateClient();

        Assert.Contains(host.Logs.Entries, entry => entry.Contains("Emulator mode", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Contains("authentication on", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SingleTenant", "MicrosoftAppTenantId")]
    [InlineData("Multi-Tenant", "MicrosoftAppType")]
    public async Task Incomplete_credentials_stop_the_bot_with_a_message_naming_the_setting(string appType, string setting)
    {
        await using var host = new BotHost(settings: Credentials(appType));

        var failure = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_without_an_app_id_stops_the_bot_rather_than_silently_running_unauthenticated()
    {
        await using var host = new BotHost(settings: new() { ["MicrosoftAppPassword"] = Password });

        var failure = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("MicrosoftAppId", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A token as an attacker would make one: for the bot's app id and a Bot Framework issuer, never signed by the Bot Framework.</summary>
    private static string Token(string kind)
    {
        const string ChannelIssuer = "https://api.botframework.com";
        const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
        var now = DateTime.UtcNow;
        var claims = new ClaimsIdentity([new Claim("serviceurl", "https://smba.trafficmanager.net/emea/"), new Claim("appid", AppId), new Claim("ver", "1.0")]);
        SecurityTokenDescriptor Descriptor(string issuer, SecurityKey? key, string algorithm, DateTime expires) => new()
        {
            Issuer = issuer,
            Audience = AppId,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            Subject = claims,
            SigningCredentials = key is null ? null : new SigningCredentials(key, algorithm),
        };
        var handler = new JwtSecurityTokenHandler();
        using var rsa = RSA.Create(2048);
        var selfSigned = new RsaSecurityKey(rsa) { KeyId = "attacker" };
        return kind switch
        {
            "unsigned" => handler.WriteToken(handler.CreateJwtSecurityToken(Descriptor(ChannelIssuer, null, SecurityAlgorithms.None, now.AddMinutes(10)))),
            "signed with the app password" => handler.WriteToken(handler.CreateJwtSecurityToken(Descriptor(ChannelIssuer, new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Password)), SecurityAlgorithms.HmacSha256, now.AddMinutes(10)))),
            "self-signed" => handler.WriteToken(handler.CreateJwtSecurityToken(Descriptor(ChannelIssuer, selfSigned, SecurityAlgorithms.RsaSha256, now.AddMinutes(10)))),
            "expired" => handler.WriteToken(handler.CreateJwtSecurityToken(Descriptor(ChannelIssuer, selfSigned, SecurityAlgorithms.RsaSha256, now.AddHours(-1)))),
            "from the emulator's issuer" => handler.WriteToken(handler.CreateJwtSecurityToken(Descriptor(EmulatorIssuer, selfSigned, SecurityAlgorithms.RsaSha256, now.AddMinutes(10)))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// The Bot Framework's key server during an outage, on loopback: every connection is accepted,
    /// counted and dropped. The host's outgoing connections are routed here (<see cref="LoopbackRouting"/>),
    /// so its key fetches fail as they would without a network, and nothing leaves this machine.
    /// </summary>
    private sealed class KeyServerOutage : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public KeyServerOutage()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var connection = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }

    /// <summary>A well-formed JWT for the bot's app id, signed with a key nobody trusts.</summary>
    private static string SelfSignedToken(string audience)
    {
        using var rsa = RSA.Create(2048);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://login.example.com/",
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("serviceurl", "https://smba.trafficmanager.net/emea/")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "local" }, SecurityAlgorithms.RsaSha256),
        };
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityTokenHandler().CreateJwtSecurityToken(descriptor));
    }
}
