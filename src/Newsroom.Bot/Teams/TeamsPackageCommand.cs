using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Teams;

/// <summary>
/// <c>dotnet run --project src/Newsroom.Bot -- teams-package [--output path]</c>: writes the Teams
/// app package for the bot configured in appsettings.json (or the environment) and exits.
/// Other arguments (<c>--Teams:Version=1.0.1</c>) are configuration overrides, as for the bot.
/// </summary>
public static class TeamsPackageCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Verb = "teams-package";

    /// <summary>Where the package goes without --output, relative to the repository root (data/ is not committed).</summary>
    public const string DefaultOutput = "data/teams/newsroom-teams-app.zip";

    /// <summary>True when the command line asks for this command.</summary>
    public static bool IsInvoked(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    /// <summary>Runs the command; returns the process exit code (0 written, 1 configuration missing or invalid, 2 bad arguments).</summary>
    public static int Run(IConfiguration configuration, string root, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (!TryReadOutput(args, out var requested))
        {
            error.WriteLine($"Usage: {Verb} [--output path/to/app.zip]   (default: {DefaultOutput} under the repository root)");
            return 2;
        }

        var botId = configuration["MicrosoftAppId"]?.Trim();
        if (string.IsNullOrEmpty(botId))
        {
            error.WriteLine("MicrosoftAppId is not set, and Teams needs the bot's app id in the package. Set MicrosoftAppId (the Azure app registration's " +
                            "application (client) id) in appsettings.json or as an environment variable, then run teams-package again. README.md, section Teams, explains the steps.");
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
        return 0;
    }

    private static bool TryReadOutput(IReadOnlyList<string> args, out string? output)
    {
        output = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] is "--output" or "-o")
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                {
                    return false;
                }

                output = args[++i];
            }
            else if (args[i].StartsWith("--output=", StringComparison.Ordinal))
            {
                output = args[i]["--output=".Length..];
            }
            else if (args[i] is "--help" or "-h" or "-?")
            {
                return false;
            }
        }

        return output is null || output.Length > 0;
    }
}
