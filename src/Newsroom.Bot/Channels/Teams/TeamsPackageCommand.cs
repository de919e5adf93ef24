using Newsroom.Bot.Commands;
using System.CommandLine;
using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Channels.Teams;

/// <summary>
/// <c>dotnet run --project src/Newsroom.Bot -- teams-package [--output path]</c>: writes the Teams
/// app package for the bot configured in appsettings.json (or the environment) and exits.
/// One of the <see cref="HostCommands"/>; other arguments (<c>--Teams:Version=1.0.1</c>) are configuration overrides, as for the bot.
/// </summary>
public static class TeamsPackageCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Verb = "teams-package";

    /// <summary>Where the package goes without --output, relative to the repository root (data/ is not committed).</summary>
    public const string DefaultOutput = "data/teams/newsroom-teams-app.zip";

    /// <summary>The verb for <see cref="HostCommands"/>: <c>teams-package [--output path]</c>, settings as for the bot.</summary>
    public static Command Create(CommandContext context)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = $"Where to write the zip (default: {DefaultOutput} under the repository root).",
            HelpName = "path",
        };
        output.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var path }] && string.IsNullOrWhiteSpace(path))
            {
                result.AddError("--output needs a path to write the zip to.");
            }
        });
        var command = new Command(Verb, HostCommands.Described("Write the Teams app package (manifest and icons) for the bot in MicrosoftAppId, to upload in Teams.", "MicrosoftAppId (the bot's app id, required)", "Teams:* (ShortName, FullName, ShortDescription, FullDescription, DeveloperName, WebsiteUrl, PrivacyUrl, TermsOfUseUrl, AccentColor, ExampleCommand, ValidDomains, Version)", "Root")) { output };
        command.SetAction(parse =>
        {
            var (configuration, root) = CommandServices.Settings(context.Settings);
            var writer = HostCommands.Writer(context.Console);
            return Run(configuration, root, parse.GetValue(output), writer, writer);
        });
        return command;
    }

    /// <summary>The names of the links in <paramref name="app"/> that are still example.com placeholders.</summary>
    public static IReadOnlyList<string> Placeholders(TeamsAppOptions app) =>
        new[] { (nameof(TeamsAppOptions.WebsiteUrl), app.WebsiteUrl), (nameof(TeamsAppOptions.PrivacyUrl), app.PrivacyUrl), (nameof(TeamsAppOptions.TermsOfUseUrl), app.TermsOfUseUrl) }
            .Where(link => Uri.TryCreate(link.Item2, UriKind.Absolute, out var uri) && IsExampleDomain(uri.Host))
            .Select(link => link.Item1)
            .ToList();

    // RFC 2606's reserved example domains.
    private static bool IsExampleDomain(string host) =>
        new[] { "example.com", "example.org", "example.net" }.Any(domain =>
            host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the package to <paramref name="requested"/> (the default place when null); returns the exit code (0 written, 1 configuration missing or invalid).</summary>
    public static int Run(IConfiguration configuration, string root, string? requested, TextWriter output, TextWriter error)
    {
        var botId = configuration["MicrosoftAppId"]?.Trim();
        if (string.IsNullOrEmpty(botId))
        {
            error.WriteLine("MicrosoftAppId is not set, and Teams needs the bot's app id in the package. Set MicrosoftAppId (the Azure app registration's " +
                            "application (client) id) in appsettings.json or as an environment variable, then run teams-package again. docs/teams.md explains the steps.");
            return 1;
        }

        if (!Guid.TryParse(botId, out _))
        {
            error.WriteLine("MicrosoftAppId must be the Azure app registration's application (client) id, a GUID such as 00000000-0000-0000-0000-000000000000.");
            return 1;
        }

        var app = configuration.GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(app, new ValidationContext(app), problems, validateAllProperties: true))
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"Setting Teams:{string.Join(", Teams:", problem.MemberNames)}: {problem.ErrorMessage}");
            }

            return 1;
        }

        var path = requested is null ? Path.GetFullPath(Path.Combine(root, DefaultOutput)) : Path.GetFullPath(requested);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the target and moved into place, so a failed run never leaves half a zip for someone to upload.
        var partial = path + ".partial";
        using (var zip = File.Create(partial))
        {
            TeamsAppPackage.Write(zip, botId, app);
        }

        File.Move(partial, path, overwrite: true);
        output.WriteLine($"Wrote {path}: Teams app \"{app.ShortName}\" {app.Version} for bot {botId} (manifest {TeamsAppPackage.ManifestVersion}).");
        output.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.");
        var placeholders = Placeholders(app);
        if (placeholders.Count > 0)
        {
            error.WriteLine($"Warning: {string.Join(", ", placeholders.Select(p => "Teams:" + p))} still {(placeholders.Count == 1 ? "points" : "point")} at the example.com placeholder{(placeholders.Count == 1 ? string.Empty : "s")} shipped in appsettings.json. " +
                            "Teams shows these links on the app's details page: set them to your own https pages (--Teams:WebsiteUrl=https://…) before people install it.");
        }

        return 0;
    }
}
