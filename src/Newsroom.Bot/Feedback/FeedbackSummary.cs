using Newsroom.Bot.Commands;
using System.Globalization;

namespace Newsroom.Bot.Feedback;

/// <summary>
/// Summarises the feedback file for newsroom staff: votes grouped by answer (the same question
/// answered with the same sentences), most disliked first, so what needs fixing in the reporting,
/// the synonyms or the ranking is at the top.
/// </summary>
public static class FeedbackSummary
{
    /// <summary>
    /// Groups <paramref name="entries"/> by answer, most disliked first (then fewest likes, then
    /// latest). One answer shown in one conversation counts once, with its latest reaction: someone
    /// who clicked thumbs down after thumbs up changed their mind, they did not vote twice. All
    /// comments are kept.
    /// </summary>
    public static IReadOnlyList<AnswerFeedback> Summarise(IEnumerable<FeedbackEntry> entries) =>
        entries
            .GroupBy(e => (Question: e.Question.Trim().ToLowerInvariant(), Sentences: string.Join('\n', e.Citations.Select(c => c.Id))))
            .Select(group =>
            {
                var ordered = group.OrderBy(e => e.Time).ToList();
                var latestPerAnswer = ordered.Where(e => e.AnswerId is not null).GroupBy(e => e.AnswerId).Select(answer => answer.Last());
                var votes = ordered.Where(e => e.AnswerId is null).Concat(latestPerAnswer).ToList();
                return new AnswerFeedback(
                    ordered[^1].Question.Trim(),
                    ordered[^1].Citations,
                    votes.Count(e => e.Reaction == "like"),
                    votes.Count(e => e.Reaction == "dislike"),
                    ordered.Select(e => e.Comment).OfType<string>().Where(c => c.Length > 0).ToList(),
                    ordered[^1].Time);
            })
            .OrderByDescending(a => a.Dislikes)
            .ThenBy(a => a.Likes)
            .ThenByDescending(a => a.Last)
            .ToList();

    /// <summary>Writes the summary of the feedback file at <paramref name="path"/> to <paramref name="output"/>.</summary>
    public static void Write(string path, TextWriter output)
    {
        var (entries, unreadable) = FeedbackLog.Read(path);
        if (entries.Count == 0)
        {
            output.WriteLine(File.Exists(path) ? $"No votes in {path} yet." : $"No feedback yet: {path} does not exist.");
            if (unreadable > 0)
            {
                output.WriteLine($"{unreadable} line(s) could not be read.");
            }

            return;
        }

        var answers = Summarise(entries);
        var likes = entries.Count(e => e.Reaction == "like");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Feedback in {path}: {entries.Count} votes ({likes} up, {entries.Count - likes} down) on {answers.Count} answers, most disliked first."));
        if (unreadable > 0)
        {
            output.WriteLine($"({unreadable} line(s) could not be read and are left out.)");
        }

        foreach (var answer in answers)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"👎 {answer.Dislikes}  👍 {answer.Likes}  “{TerminalText.Printable(answer.Question)}”  (last vote {answer.Last.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
            foreach (var sentence in answer.Citations)
            {
                output.WriteLine($"    {TerminalText.Printable(sentence.Id)}  “{TerminalText.Printable(Shorten(sentence.Text, 140))}”");
            }

            foreach (var comment in answer.Comments)
            {
                output.WriteLine($"    comment: {TerminalText.Printable(Shorten(comment, 300))}");
            }
        }
    }

    private static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
