namespace Newsroom.Bot.Endpoint;

/// <summary>
/// The bot's Azure identity, under the Bot Framework's own setting names at the top level of
/// appsettings.json (or the environment: <c>MicrosoftAppPassword=…</c>), where the SDK's
/// <c>ConfigurationBotFrameworkAuthentication</c> reads them too. Bound here only so that a
/// half-filled set stops the bot at start-up with a message naming the missing setting, instead
/// of failing on the first message from Teams.
/// </summary>
public sealed class BotCredentials
{
    /// <summary>The app type Azure Bot registrations default to.</summary>
    public const string MultiTenant = "MultiTenant";

    /// <summary>An app registration in one Entra ID tenant only (needs <see cref="MicrosoftAppTenantId"/>).</summary>
    public const string SingleTenant = "SingleTenant";

    /// <summary>A user-assigned managed identity (no password; needs <see cref="MicrosoftAppTenantId"/>).</summary>
    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary><see cref="MultiTenant"/>, <see cref="SingleTenant"/> or <see cref="UserAssignedMsi"/>; empty means multi-tenant.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The app registration's application (client) id; empty runs the bot in Emulator mode.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret. Never logged.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The Entra ID tenant of a single-tenant app or managed identity.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>True when no app id is set: no authentication, for the Bot Framework Emulator on this machine.</summary>
    public bool IsEmulatorMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The app type in effect (the SDK's default when none is set).</summary>
    public string AppType => string.IsNullOrWhiteSpace(MicrosoftAppType) ? MultiTenant : MicrosoftAppType.Trim();
}
