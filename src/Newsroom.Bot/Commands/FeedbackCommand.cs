using Microsoft.Extensions.Configuration;
using Newsroom.Bot.Composition;
using Newsroom.Bot.Feedback;
using System.CommandLine;

namespace Newsroom.Bot.Commands;

/// <summary>
/// <c>dotnet run --project src/Newsroom.Bot -- feedback</c>: prints the feedback summary and exits,
/// reading the same settings (Feedback:File, Root) as the bot.
/// </summary>
public static class FeedbackCommand
{
    /// <summary>The verb.</summary>
    public const string Verb = "feedback";

    /// <summary>The verb for <see cref="HostCommands"/>: settings as for the bot, output to its console.</summary>
    public static Command Create(CommandContext context)
    {
        var command = new Command(Verb, HostCommands.Described(
            "Summarise the votes on answers in Feedback:File, grouped by answer, most disliked first, then the questions asked most often without a confident answer (gaps lists them all).",
            "Feedback:File (the votes)", "Feedback:UnansweredFile", "Feedback:RecordUnanswered", "Feedback:UnansweredRetentionDays", "Root"));
        command.SetAction(_ => Run(CommandServices.Settings(context.Settings).Configuration, HostCommands.Writer(context.Console)));
        return command;
    }

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IConfiguration configuration, TextWriter output)
    {
        var root = RootFolder.Find(configuration["Root"]);
        var options = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>() ?? new FeedbackOptions();
        if (string.IsNullOrWhiteSpace(options.File))
        {
            output.WriteLine("Feedback:File is empty: set it to the feedback file's path.");
            return 2;
        }

        FeedbackSummary.Write(RootFolder.Resolve(root, options.File), output);
        output.WriteLine();
        return GapsCommand.Run(configuration, output, DateTimeOffset.UtcNow, top: 10);
    }
}
