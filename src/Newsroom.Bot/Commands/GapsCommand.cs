using Microsoft.Extensions.Configuration;
using Newsroom.Bot.Composition;
using Newsroom.Bot.Feedback;
using System.CommandLine;

namespace Newsroom.Bot.Commands;

/// <summary>
/// <c>dotnet run --project src/Newsroom.Bot -- gaps</c>: the questions the bot had no confident
/// answer for, most frequent first, with the dates they were asked: what the reporting lacks.
/// </summary>
public static class GapsCommand
{
    /// <summary>The verb.</summary>
    public const string Verb = "gaps";

    /// <summary>The verb for <see cref="HostCommands"/>: settings as for the bot, output to its console.</summary>
    public static Command Create(CommandContext context)
    {
        var command = new Command(Verb, HostCommands.Described(
            "List the questions that got no confident answer, the same question counted together, most frequent first, with the dates they were asked.",
            "Feedback:UnansweredFile (the questions)", "Feedback:RecordUnanswered", "Feedback:UnansweredRetentionDays (older questions are not shown)", "Root"));
        command.SetAction(_ => Run(CommandServices.Settings(context.Settings).Configuration, HostCommands.Writer(context.Console), DateTimeOffset.UtcNow));
        return command;
    }

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IConfiguration configuration, TextWriter output, DateTimeOffset now, int? top = null)
    {
        var root = RootFolder.Find(configuration["Root"]);
        var options = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>() ?? new FeedbackOptions();
        if (string.IsNullOrWhiteSpace(options.UnansweredFile) || options.UnansweredRetentionDays is < 1 or > 3650)
        {
            output.WriteLine("Feedback:UnansweredFile must be a path and Feedback:UnansweredRetentionDays between 1 and 3650.");
            return HostCommands.UsageError;
        }

        GapsSummary.Write(RootFolder.Resolve(root, options.UnansweredFile), options.RecordUnanswered, TimeSpan.FromDays(options.UnansweredRetentionDays), now, output, top);
        return HostCommands.Success;
    }
}
