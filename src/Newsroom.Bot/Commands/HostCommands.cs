using Newsroom.Bot.Channels.Teams;
using Spectre.Console;
using System.CommandLine;

namespace Newsroom.Bot.Commands;

/// <summary>
/// The host's verbs for staff and scripts: <c>dotnet run --project src/Newsroom.Bot -- index|ask|stats|teams-package|feedback</c>.
/// Without a verb the host runs the bot. Parsing is System.CommandLine (the .NET team's parser:
/// help, errors and exit codes as .NET users expect); output is Spectre.Console (progress bars,
/// tables), written to the console handed in, so tests read it without touching
/// <see cref="Console"/>. Anything that is not a verb's own option (<c>--Corpus:Folder=…</c>) is a
/// settings override, exactly as for the bot.
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
    ];

    /// <summary>True when <paramref name="args"/> start with a verb (or ask for the verbs' help) rather than run the bot.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" || Root(new CommandContext(AnsiConsole.Console, [])).Subcommands.Any(verb => verb.Name == args[0]));

    /// <summary>Runs the verb in <paramref name="args"/>, writing to <paramref name="console"/> (the terminal when null); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var output = new ConsoleWriter(console);
        // Settings overrides ("--Corpus:Folder=…") are the host's, not the verb's: set them aside
        // before parsing, so "ask --Index:Folder=x" never takes the setting for the question.
        var settings = args.Where(IsSetting).ToArray();
        var root = Root(new CommandContext(console, settings));
        var parse = root.Parse(args.Where(arg => !IsSetting(arg)).ToArray());
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
        return parse.Errors.Count > 0 ? UsageError : exitCode; // System.CommandLine prints the error and the verb's help

    }

    private static bool IsSetting(string arg)
    {
        var colon = arg.IndexOf(':', StringComparison.Ordinal);
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && colon > 2 && (equals == -1 || colon < equals);
    }

    private static RootCommand Root(CommandContext context)
    {
        var root = new RootCommand("The newsroom bot. Without a command it runs the bot; settings can be overridden as --Section:Name=value.");
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
