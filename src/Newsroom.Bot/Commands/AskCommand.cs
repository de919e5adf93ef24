using Newsroom.Answers;
using Newsroom.Answers.Answering;
using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Newsroom.Bot.Commands;

/// <summary><c>ask "question"</c>: answers in the terminal with citations, as the bot would. Exit code 1 when nothing answers it.</summary>
internal static class AskCommand
{
    public static Command Create(CommandContext context)
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes." };
        var command = new Command("ask", HostCommands.Described("Answer a question from the index, with the sentences that say it and where they are.", "Index:Folder (the index it reads)", "Index:Semantic", "Corpus:Folder", "Answers:* (MaxCitations, MinConfidence, Synonyms…)", "Root")) { question };
        command.SetAction((parse, _) => CommandServices.RunAsync(context, services => Run(services, context.Console, parse.GetValue(question) ?? string.Empty)));
        return command;
    }

    private static int Run(CommandServices services, IAnsiConsole console, string question)
    {
        var answer = services.Get<NewsroomArchive>().Ask(question);
        switch (answer.Status)
        {
            case AnswerStatus.Answered:
                console.MarkupLine(Markup.Escape(TerminalText.Printable(answer.Heading ?? "Here is what the reporting says, best match first:")));
                foreach (var citation in answer.Citations)
                {
                    console.WriteLine();
                    console.MarkupLine($"{citation.Number}. “{Emphasise(citation)}”");
                    console.MarkupLine("   [grey]— " + Markup.Escape(TerminalText.Printable(Where(citation))) + "[/]");
                }

                return HostCommands.Success;
            case AnswerStatus.NotFound:
                console.MarkupLine(Markup.Escape(TerminalText.Printable(answer.Heading ?? "I couldn't find that in the reporting.")));
                return HostCommands.Partial;
            default:
                console.MarkupLineInterpolated($"[yellow]Not a question I can look up ({answer.Status}).[/] Ask in words, in quotes: ask \"What did officials say about Libya?\"");
                return HostCommands.UsageError;
        }
    }

    private static string Emphasise(Citation citation)
    {
        var text = new StringBuilder();
        var position = 0;
        foreach (var span in citation.Highlights.OrderBy(s => s.Start).Where(s => s.Start >= 0 && s.Start + s.Length <= citation.Text.Length))
        {
            if (span.Start < position)
            {
                continue;
            }

            text.Append(Printable(citation.Text[position..span.Start])).Append("[bold]").Append(Printable(citation.Text.Substring(span.Start, span.Length))).Append("[/]");
            position = span.Start + span.Length;
        }

        return text.Append(Printable(citation.Text[position..])).ToString();

        static string Printable(string part) => Markup.Escape(TerminalText.Printable(part));
    }

    private static string Where(Citation citation)
    {
        var parts = new List<string> { citation.Title };
        if (citation.Author is not null)
        {
            parts.Add("by " + citation.Author);
        }

        if (citation.Source is not null)
        {
            parts.Add(citation.Source);
        }

        if (citation.Published is { } published)
        {
            parts.Add(published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        }

        var where = citation.IsCaption ? $"photo caption (paragraph {citation.Paragraph})" : $"paragraph {citation.Paragraph}, sentence {citation.Sentence}";
        return string.Join(", ", parts) + " · " + where + (citation.Url is null ? string.Empty : " · " + citation.Url) + " · " + citation.ArticleKey;
    }
}
