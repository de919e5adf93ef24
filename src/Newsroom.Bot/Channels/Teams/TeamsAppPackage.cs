using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Channels.Teams;

/// <summary>
/// The Teams app package that people sideload (Apps → Manage your apps → Upload an app): a zip
/// with manifest.json (schema 1.17) and the two icons at its root, as Teams requires.
/// </summary>
public static class TeamsAppPackage
{
    /// <summary>The manifest schema version the package is written for.</summary>
    public const string ManifestVersion = "1.17";

    /// <summary>The manifest for the bot with app id <paramref name="botId"/>.</summary>
    public static JsonObject Manifest(string botId, TeamsAppOptions app)
    {
        JsonArray Scopes() => ["personal", "team", "groupChat"];
        return new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = app.Version,
            // The Teams app and its bot share the app registration's id: one id for operators to keep track of.
            ["id"] = botId,
            ["developer"] = new JsonObject
            {
                ["name"] = app.DeveloperName,
                ["websiteUrl"] = app.WebsiteUrl,
                ["privacyUrl"] = app.PrivacyUrl,
                ["termsOfUseUrl"] = app.TermsOfUseUrl,
            },
            ["name"] = new JsonObject { ["short"] = app.ShortName, ["full"] = app.FullName },
            ["description"] = new JsonObject { ["short"] = app.ShortDescription, ["full"] = app.FullDescription },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = app.AccentColor,
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = botId,
                ["scopes"] = Scopes(),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(new JsonObject
                {
                    ["scopes"] = Scopes(),
                    ["commands"] = new JsonArray(
                        new JsonObject { ["title"] = "help", ["description"] = "What I know, and how I cite the sentences I quote" },
                        new JsonObject { ["title"] = app.ExampleCommand, ["description"] = "An example question: ask about our reporting in plain words" }),
                }),
            }),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray([.. app.ValidDomains.Select(domain => JsonValue.Create(domain))]),
        };
    }

    /// <summary>Writes the package to <paramref name="zip"/>, replacing any file there.</summary>
    public static void Write(Stream zip, string botId, TeamsAppOptions app)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        using (var manifest = archive.CreateEntry("manifest.json").Open())
        {
            // Relaxed escaping keeps apostrophes readable; the file is JSON for Teams, never embedded in HTML.
            JsonSerializer.Serialize(manifest, Manifest(botId, app), new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var source = Icon(icon);
            using var entry = archive.CreateEntry(icon).Open();
            source.CopyTo(entry);
        }
    }

    /// <summary>
    /// The committed icon (color.png 192×192 full colour, outline.png 32×32 white on transparent,
    /// both beside this file), embedded in the host so the command works from any folder.
    /// </summary>
    public static Stream Icon(string name) =>
        typeof(TeamsAppPackage).Assembly.GetManifestResourceStream("Newsroom.Bot.Channels.Teams." + name)
        ?? throw new InvalidOperationException($"The icon {name} is not embedded in the host assembly");
}
