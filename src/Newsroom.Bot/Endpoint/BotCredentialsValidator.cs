using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Endpoint;

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
