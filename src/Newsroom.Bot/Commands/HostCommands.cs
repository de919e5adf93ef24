using Newsroom.Bot.Channels.Teams;
using Newsroom.Bot.Composition;
using Spectre.Console;
using System.CommandLine;

namespace Newsroom.Bot.Commands;

/// <summary>
/// The host's verbs for staff and scripts: <c>dotnet run --project src/Newsroom.Bot -- index|ask|stats|teams-package|feedback|gaps</c>.
/// Without a verb the host runs the bot. Parsing is System.CommandLine (the .NET team's parser:
/// help, errors and exit codes as .NET users expect); output is Spectre.Console (progress bars,
/// tables), written to the console handed in, so tests read it without touching
/// <see cref="Console"/>. Settings are overridden as .NET programs take them: <c>--Corpus:Folder=…</c>,
/// <c>--Corpus:Folder …</c>, <c>--MicrosoftAppId=…</c>, <c>--MicrosoftAppId …</c>, or environment
/// variables (<c>Corpus__Folder</c>, <c>MicrosoftAppId</c>), exactly as for the bot. Output piped to
/// a file or another program is not wrapped at 80 columns.
/// </summary>
public static class HostCommands
{
    /// <summary>Exit code: done, nothing to report.</summary>
    public const int Success = 0;

    /// <summary>Exit code: done, but not everything (files skipped; no answer found).</summary>
    public const int Partial = 1;

    /// <summary>Exit code: the command line or a setting is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code: the index could not be opened or written (in use by a running bot, no permission, disk full).</summary>
    public const int IndexUnavailable = 3;

    // One line per verb: adding one is writing its Create method and listing it here.
    private static readonly Func<CommandContext, Command>[] Verbs =
    [
        IndexCommand.Create,
        AskCommand.Create,
        StatsCommand.Create,
        TeamsPackageCommand.Create,
        FeedbackCommand.Create,
        GapsCommand.Create,
    ];

    /// <summary>True when <paramref name="args"/> start with a verb (or ask for the verbs' help) rather than run the bot.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" || Root(new CommandContext(AnsiConsole.Console, [])).Subcommands.Any(verb => verb.Name == args[0]));

    /// <summary>Runs the verb in <paramref name="args"/>, writing to <paramref name="console"/> (the terminal when null); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= Terminal(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS"));
        var output = new ConsoleWriter(console);
        // Settings overrides ("--Corpus:Folder=…", "--MicrosoftAppId …") are the host's, not the verb's:
        // set them aside before parsing, so "ask --Index:Folder=x" never takes the setting for the question.
        var verb = Root(new CommandContext(console, [])).Subcommands.FirstOrDefault(c => args.Length > 0 && c.Name == args[0]);
        var (settings, rest, problem) = SplitSettings(args, verb);
        if (problem is not null)
        {
            console.MarkupLineInterpolated($"[red]{problem}[/]");
            console.WriteLine(SettingsForms);
            return UsageError;
        }

        var root = Root(new CommandContext(console, settings));
        var parse = root.Parse(rest);
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
        if (parse.Errors.Count > 0)
        {
            console.WriteLine(SettingsForms);
            return UsageError; // System.CommandLine printed the error and the verb's help
        }

        return exitCode;
    }

    /// <summary>How settings are written on the command line, shown with a usage error.</summary>
    public const string SettingsForms =
        "Settings are given as --Section:Name=value or --Section:Name value (--Corpus:Folder=articles), the Bot Framework ones as " +
        "--MicrosoftAppId=<id> or --MicrosoftAppId <id>, or as environment variables (Corpus__Folder=articles, MicrosoftAppId=<id>). " +
        "They come after the command: teams-package --MicrosoftAppId=<id>.";

    /// <summary>Width of output that goes to a file or a pipe: long enough that nothing is wrapped.</summary>
    public const int RedirectedWidth = 4096;

    /// <summary>
    /// The console commands write to: <paramref name="output"/> as a terminal, or, when it is
    /// redirected (piped, written to a file), plain text without colours or cursor moves and not
    /// wrapped at 80 columns (a width in <paramref name="columns"/>, the <c>COLUMNS</c> environment variable, is kept).
    /// </summary>
    public static IAnsiConsole Terminal(TextWriter output, bool redirected, string? columns = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(columns, out var width) && width > 0 ? width : RedirectedWidth;
        }

        return console;
    }

    /// <summary>
    /// Takes the settings out of <paramref name="args"/>: "--Name=value" or "--Name value" where Name
    /// has a colon (a section's setting) or is a top-level setting (MicrosoftAppId, AllowedHosts…),
    /// and is not an option of <paramref name="verb"/>. Each becomes "--Name=value". A "--Name" that
    /// is neither is a problem, reported with the forms settings take.
    /// </summary>
    internal static (string[] Settings, string[] Remaining, string? Problem) SplitSettings(string[] args, Command? verb)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        var options = (verb?.Options ?? []).SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(["--help", "-h", "-?"]).ToHashSet(StringComparer.Ordinal);
        HashSet<string>? topLevel = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Length <= 2 || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "--" || options.Contains(arg.Split('=', 2)[0]))
            {
                rest.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            topLevel ??= TopLevelSettings();
            if (name.Length == 0 || (!name.Contains(':', StringComparison.Ordinal) && !topLevel.Contains(name)))
            {
                if (verb is null)
                {
                    rest.Add(arg); // no verb: System.CommandLine says what is wrong
                    continue;
                }

                return ([], [], $"{arg.Split('=', 2)[0]} is not an option of {verb.Name} nor a setting the bot reads.");
            }

            if (equals >= 0)
            {
                settings.Add($"--{name}={arg[(equals + 1)..]}");
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add($"--{name}={args[++i]}");
            }
            else
            {
                return ([], [], $"--{name} needs a value: --{name}=value or --{name} value.");
            }
        }

        return ([.. settings], [.. rest], null);
    }

    /// <summary>The settings outside a section that the bot reads (those in appsettings.json, and the host's own).</summary>
    private static HashSet<string> TopLevelSettings()
    {
        var names = new HashSet<string>(["Root", "Environment", "ContentRoot", "Urls", "AllowedHosts", "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId"], StringComparer.OrdinalIgnoreCase);
        var file = Path.Combine(RootFolder.Find(Environment.GetEnvironmentVariable("Root")), "appsettings.json");
        if (File.Exists(file))
        {
            foreach (var section in new ConfigurationBuilder().AddJsonFile(file, optional: true).Build().GetChildren())
            {
                names.Add(section.Key);
            }
        }

        return names;
    }

    /// <summary>
    /// A verb's description followed by the settings it reads, so its --help says what can be
    /// changed and how (<see cref="SettingsForms"/>).
    /// </summary>
    internal static string Described(string what, params string[] settings) =>
        $"{what}\n\nSettings it reads (appsettings.json; override with --Name=value, --Name value or environment variables, Section__Name): {string.Join(", ", settings)}.";

    private static RootCommand Root(CommandContext context)
    {
        var root = new RootCommand("The newsroom bot. Without a command it runs the bot. Settings are overridden as --Section:Name=value, --Section:Name value, --MicrosoftAppId=<id> or environment variables (Section__Name).");
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb(context));
        }

        return root;
    }

    /// <summary>A TextWriter over <paramref name="console"/>, for System.CommandLine's help and errors and for verbs that write plain lines.</summary>
    internal static TextWriter Writer(IAnsiConsole console) => new ConsoleWriter(console);

    /// <summary>System.CommandLine's help and parse errors, written through the same console as everything else.</summary>
    private sealed class ConsoleWriter(IAnsiConsole console) : StringWriter
    {
        public override void Write(char value) => console.Write(new Text(value.ToString()));

        public override void Write(char[] buffer, int index, int count) => console.Write(new Text(new string(buffer, index, count)));

        public override void Write(string? value) => console.Write(new Text(value ?? string.Empty));
    }
}
