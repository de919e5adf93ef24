using Newsroom.Bot.Commands;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Bot.Feedback;

/// <summary>A question the reporting did not answer, as often as it was asked.</summary>
/// <param name="Question">Its latest wording.</param>
/// <param name="Count">How many times it was asked.</param>
/// <param name="First">When it was first asked.</param>
/// <param name="Last">When it was last asked.</param>
public sealed record Gap(string Question, int Count, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// The unanswered questions for staff: the same question (case, spacing and end punctuation
/// aside) counted together, most frequent first, then most recent: what the reporting lacks.
/// </summary>
public static partial class GapsSummary
{
    /// <summary>Groups <paramref name="questions"/> into gaps, most frequent first.</summary>
    public static IReadOnlyList<Gap> Summarise(IEnumerable<UnansweredQuestion> questions) =>
        questions
            .GroupBy(q => Key(q.Question), StringComparer.Ordinal)
            .Select(group =>
            {
                var ordered = group.OrderBy(q => q.Time).ToList();
                return new Gap(ordered[^1].Question, ordered.Count, ordered[0].Time, ordered[^1].Time);
            })
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.Last)
            .ToList();

    /// <summary>Writes the gaps in <paramref name="log"/>'s file (at most <paramref name="top"/>, all when null) to <paramref name="output"/>.</summary>
    public static void Write(string path, bool enabled, TimeSpan retention, DateTimeOffset now, TextWriter output, int? top = null)
    {
        var days = retention.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
        var (questions, unreadable) = UnansweredLog.Read(path, now, retention);
        if (!enabled)
        {
            output.WriteLine("Recording unanswered questions is off (Feedback:RecordUnanswered=false).");
        }

        if (questions.Count == 0)
        {
            output.WriteLine(File.Exists(path)
                ? $"No unanswered questions in {path} in the last {days} days."
                : $"No unanswered questions yet: {path} does not exist.");
            return;
        }

        var gaps = Summarise(questions);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Unanswered questions in {path} (last {days} days): {questions.Count} asked, {gaps.Count} different, most frequent first."));
        if (unreadable > 0)
        {
            output.WriteLine($"({unreadable} line(s) could not be read and are left out.)");
        }

        foreach (var gap in gaps.Take(top ?? int.MaxValue))
        {
            var when = gap.Count == 1
                ? $"{gap.Last.UtcDateTime:yyyy-MM-dd}"
                : $"{gap.First.UtcDateTime:yyyy-MM-dd} to {gap.Last.UtcDateTime:yyyy-MM-dd}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gap.Count,4}×  “{TerminalText.Printable(gap.Question)}”  ({when})"));
        }

        if (top is { } shown && gaps.Count > shown)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {gaps.Count - shown} more: run gaps for all of them."));
        }
    }

    private static string Key(string question) =>
        Spaces().Replace(question.Trim().TrimEnd('?', '.', '!', ' ').ToLowerInvariant(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
