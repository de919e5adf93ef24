using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Channels.Teams;

/// <summary>
/// What the Teams app package says about the bot. Bound from the "Teams" section of
/// appsettings.json; the bot's id comes from MicrosoftAppId. Lengths are the manifest schema's limits.
/// </summary>
public sealed class TeamsAppOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Teams";

    /// <summary>The app's version (major.minor.patch). Raise it for each package you upload again.</summary>
    [Required]
    [RegularExpression(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$", ErrorMessage = "Teams:Version must look like 1.0.0.")]
    public string Version { get; set; } = "1.0.0";

    /// <summary>The name under the bot's icon in Teams.</summary>
    [Required]
    [MaxLength(30)]
    public string ShortName { get; set; } = "Newsroom";

    /// <summary>The app's full name in the app details.</summary>
    [Required]
    [MaxLength(100)]
    public string FullName { get; set; } = "Newsroom questions";

    /// <summary>One line shown where space is short.</summary>
    [Required]
    [MaxLength(80)]
    public string ShortDescription { get; set; } = "Answers questions with quoted, cited sentences from our reporting.";

    /// <summary>The description on the app's details page.</summary>
    [Required]
    [MaxLength(4000)]
    public string FullDescription { get; set; } = "Ask about the newsroom's reporting in plain words. The bot answers only with sentences quoted from our articles, each with its headline, byline, paragraph and sentence, and says so when the reporting does not answer the question.";

    /// <summary>Who publishes the app (the newsroom).</summary>
    [Required]
    [MaxLength(32)]
    public string DeveloperName { get; set; } = "The newsroom";

    /// <summary>Where people find help with the bot (https).</summary>
    [Required]
    [RegularExpression(@"^https://[^\s]+$", ErrorMessage = "Teams:WebsiteUrl must be an https:// address.")]
    public string WebsiteUrl { get; set; } = string.Empty;

    /// <summary>The privacy statement (https).</summary>
    [Required]
    [RegularExpression(@"^https://[^\s]+$", ErrorMessage = "Teams:PrivacyUrl must be an https:// address.")]
    public string PrivacyUrl { get; set; } = string.Empty;

    /// <summary>The terms of use (https).</summary>
    [Required]
    [RegularExpression(@"^https://[^\s]+$", ErrorMessage = "Teams:TermsOfUseUrl must be an https:// address.")]
    public string TermsOfUseUrl { get; set; } = string.Empty;

    /// <summary>The colour behind the outline icon, as #RRGGBB.</summary>
    [Required]
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Teams:AccentColor must look like #1F4E79.")]
    public string AccentColor { get; set; } = "#1F4E79";

    /// <summary>A question Teams offers in the bot's command menu; Teams allows 32 characters.</summary>
    [Required]
    [MaxLength(32)]
    public string ExampleCommand { get; set; } = "Who may be deported to Libya?";

    /// <summary>Domains the app may open besides Teams' own, e.g. the host of the messaging endpoint (at most 16).</summary>
    [MaxLength(16)]
    public List<string> ValidDomains { get; set; } = [];
}
