using Newsroom.Answers;
using Newsroom.Answers.Indexing;
using Newsroom.Bot.Composition;
using Spectre.Console;
using System.CommandLine;
using System.Globalization;

namespace Newsroom.Bot.Commands;

/// <summary><c>index</c>: builds or updates the index from the corpus folder, with a progress bar and a summary.</summary>
internal static class IndexCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("index", HostCommands.Described("Build or update the index from the corpus folder; list the files that were skipped and why. Exit code 1 when a file was skipped.", "Corpus:Folder (articles are read from here)", "Corpus:MaxFileBytes", "Index:Folder (the index is written here)", "Index:Semantic", "Root"));
        command.SetAction((_, _) => CommandServices.RunAsync(context, services => Run(services, context.Console)));
        return command;
    }

    private static int Run(CommandServices services, IAnsiConsole console)
    {
        var paths = services.Paths;
        if (!Directory.Exists(paths.Corpus))
        {
            console.MarkupLineInterpolated($"[red]The corpus folder {paths.Corpus} does not exist.[/] Set Corpus:Folder or create it.");
            return HostCommands.UsageError;
        }

        var archive = services.Get<NewsroomArchive>();
        IndexReport? report = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Reading the corpus");
                report = archive.IndexCorpus(TimeSpan.Zero, new TaskProgress(task));
                task.Value = task.MaxValue;
            });

        Summarise(console, report!, archive, paths);
        return report!.Skipped.Count == 0 ? HostCommands.Success : HostCommands.Partial;
    }

    private static void Summarise(IAnsiConsole console, IndexReport report, NewsroomArchive archive, ResolvedPaths paths)
    {
        var summary = new Table().AddColumns("Index", "").HideHeaders();
        summary.AddRow("Articles", report.Articles.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Sentences", report.Sentences.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Files added / updated / removed / unchanged", $"{report.Added:N0} / {report.Updated:N0} / {report.Removed:N0} / {report.Unchanged:N0}");
        summary.AddRow("Files skipped", report.Skipped.Count.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Duplicate articles (indexed once)", report.Duplicates.Count.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Index size", StatsCommand.Size(archive.SizeInBytes));
        summary.AddRow("Took", $"{report.Elapsed.TotalSeconds:N1} s");
        summary.AddRow("Index folder", Markup.Escape(paths.Index));
        console.Write(summary);

        if (report.Skipped.Count > 0)
        {
            var skipped = new Table().Title("Skipped files").AddColumns("File", "Reason");
            foreach (var file in report.Skipped)
            {
                skipped.AddRow(Markup.Escape(TerminalText.Printable(file.Key)), Markup.Escape(TerminalText.Printable(file.Reason)));
            }

            console.Write(skipped);
        }

        if (report.Duplicates.Count > 0)
        {
            var duplicates = new Table().Title("Duplicates, not indexed again").AddColumns("Article", "Same as");
            foreach (var duplicate in report.Duplicates)
            {
                duplicates.AddRow(Markup.Escape(TerminalText.Printable(duplicate.Key)), Markup.Escape(TerminalText.Printable(duplicate.DuplicateOf)));
            }

            console.Write(duplicates);
        }
    }

    /// <summary>Moves the progress bar as files are read (called from the indexer's worker threads).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(value.Total, 1);
            task.Value = value.Done;
        }
    }
}
