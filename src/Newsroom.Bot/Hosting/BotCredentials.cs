using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Hosting;

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

/// <summary>Checks that the credentials are complete for their app type. Messages name settings, never values.</summary>
internal sealed class BotCredentialsValidator : IValidateOptions<BotCredentials>
{
    public ValidateOptionsResult Validate(string? name, BotCredentials options)
    {
        if (options.IsEmulatorMode)
        {
            return string.IsNullOrWhiteSpace(options.MicrosoftAppPassword)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("MicrosoftAppPassword is set but MicrosoftAppId is empty: set the app id too, or clear the password to run in Emulator mode.");
        }

        var failures = new List<string>();
        if (!Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add("MicrosoftAppId must be the app registration's application (client) id, a GUID such as 00000000-0000-0000-0000-000000000000.");
        }

        var appType = options.AppType;
        if (!string.Equals(appType, BotCredentials.MultiTenant, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(appType, BotCredentials.SingleTenant, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(appType, BotCredentials.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType must be {BotCredentials.MultiTenant}, {BotCredentials.SingleTenant} or {BotCredentials.UserAssignedMsi}.");
        }

        var isManagedIdentity = string.Equals(appType, BotCredentials.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if (!isManagedIdentity && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppPassword (the app registration's client secret) is required when MicrosoftAppId is set.");
        }

        if (!string.Equals(appType, BotCredentials.MultiTenant, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add($"MicrosoftAppTenantId (the Entra ID tenant id) is required when MicrosoftAppType is {appType}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
