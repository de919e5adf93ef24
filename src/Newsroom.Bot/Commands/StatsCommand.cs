using Newsroom.Answers;
using Spectre.Console;
using System.CommandLine;
using System.Globalization;

namespace Newsroom.Bot.Commands;

/// <summary><c>stats</c>: what the index holds, how big it is, and when it last changed.</summary>
internal static class StatsCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("stats", HostCommands.Described("Show articles, sentences, index size on disk and last update time.", "Index:Folder (the index it reads)", "Index:Semantic", "Corpus:Folder", "Root"));
        command.SetAction((_, _) => CommandServices.RunAsync(context, services => Run(services, context.Console)));
        return command;
    }

    private static int Run(CommandServices services, IAnsiConsole console)
    {
        var statistics = services.Get<NewsroomArchive>().Statistics();
        var table = new Table().AddColumns("Index", "").HideHeaders();
        table.AddRow("Articles", statistics.Articles.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Sentences", statistics.Sentences.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Files indexed", statistics.FilesIndexed.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Files skipped", statistics.FilesSkipped.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Duplicate articles", statistics.DuplicateArticles.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Index size on disk", Size(statistics.SizeInBytes));
        table.AddRow("Meaning model", statistics.MeaningModel is { } model ? Markup.Escape(model) + " (Index:Semantic)" : "off");
        table.AddRow("Last updated", statistics.LastUpdatedUtc is { } when ? when.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never (run index)");
        table.AddRow("Index folder", Markup.Escape(services.Paths.Index));
        table.AddRow("Corpus folder", Markup.Escape(services.Paths.Corpus));
        console.Write(table);
        return HostCommands.Success;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:N1} KB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:N1} MB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:N2} GB",
    };
}
