using System.ComponentModel.DataAnnotations;
using Newsroom.Bot.Endpoint;

namespace Newsroom.Bot.Composition;

/// <summary>What the bot says besides answers. Bound from the "Bot" section of appsettings.json.</summary>
public sealed class BotOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Bot";

    /// <summary>The example question the welcome and help messages suggest; when empty, one is made from an article's headline.</summary>
    public string? ExampleQuestion { get; set; }

    /// <summary>
    /// In Emulator mode (no MicrosoftAppId), service URLs besides this machine's that the bot may
    /// send replies to (each URL allows the URLs under it); see <see cref="ServiceUrlPolicy"/>.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in AllowedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"'{url}' is not an absolute http(s) URL.", [nameof(AllowedServiceUrls)]);
            }
        }
    }
}
