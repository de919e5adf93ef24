using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Finds the publication-date limit in a question ("in May 2025", "last week", "since March",
/// "in the past 3 days", "yesterday") and returns the question without it.
/// Microsoft.Recognizers.Text.DateTime would cover more phrasings but is not served by our
/// package feed; newsroom questions use a handful of forms, each covered by a test.
/// </summary>
internal static partial class DatePhrases
{
    /// <summary>The date limit of <paramref name="question"/>, relative to <paramref name="now"/>, and the question without the phrase; null when there is none.</summary>
    public static (DateRange Range, string Remainder)? Find(string question, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var match = Phrase().Match(question);
        if (!match.Success)
        {
            return null;
        }

        DateRange? range = null;
        if (match.Groups["relative"].Success)
        {
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var thisOne = match.Groups["which"].Value.Equals("this", StringComparison.OrdinalIgnoreCase);
            var start = unit switch
            {
                "week" => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), // weeks start on Monday
                "month" => new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero),
                _ => new DateTimeOffset(today.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            Func<DateTimeOffset, int, DateTimeOffset> add = unit switch
            {
                "week" => (d, n) => d.AddDays(7 * n),
                "month" => (d, n) => d.AddMonths(n),
                _ => (d, n) => d.AddYears(n),
            };
            range = thisOne ? new DateRange(start, add(start, 1)) : new DateRange(add(start, -1), start);
        }
        else if (match.Groups["past"].Success)
        {
            var unit = match.Groups["punit"].Value.ToLowerInvariant().TrimEnd('s');
            var count = match.Groups["count"].Success ? Count(match.Groups["count"].Value, unit) : 1;
            var from = unit switch
            {
                "day" => today.AddDays(-count + 1),
                "week" => today.AddDays(-7 * count + 1),
                "month" => today.AddMonths(-count).AddDays(1),
                _ => today.AddYears(-count).AddDays(1),
            };
            var earliest = today.AddYears(-MaxYearsBack).AddDays(1);
            range = new DateRange(from < earliest ? earliest : from, today.AddDays(1));
        }
        else if (match.Groups["day"].Success)
        {
            var day = match.Groups["day"].Value.ToLowerInvariant() == "today" ? today : today.AddDays(-1);
            range = new DateRange(day, day.AddDays(1));
        }
        else
        {
            var month = match.Groups["month"].Success ? Month(match.Groups["month"].Value) : (int?)null;
            var year = match.Groups["year"].Success
                ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture)
                : month is { } m && m > today.Month ? today.Year - 1 : today.Year; // "in March" means the last March
            DateTimeOffset start;
            DateTimeOffset end;
            if (month is null)
            {
                start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                end = start.AddYears(1);
            }
            else if (match.Groups["date"].Success && int.TryParse(match.Groups["date"].Value, CultureInfo.InvariantCulture, out var date) && date >= 1 && date <= DateTime.DaysInMonth(year, month.Value))
            {
                start = new DateTimeOffset(year, month.Value, date, 0, 0, 0, TimeSpan.Zero);
                end = start.AddDays(1);
            }
            else
            {
                start = new DateTimeOffset(year, month.Value, 1, 0, 0, 0, TimeSpan.Zero);
                end = start.AddMonths(1);
            }

            range = match.Groups["prep"].Value.ToLowerInvariant() switch
            {
                "after" => new DateRange(end, null),
                "since" => new DateRange(start, null),
                "before" => new DateRange(null, start),
                _ => new DateRange(start, end),
            };
        }

        var rest = Spaces().Replace(question.Remove(match.Index, match.Length), " ").Trim();
        return (range, rest);
    }

    /// <summary>The furthest back "in the past N …" reaches: a thousand years, however many digits N has.</summary>
    public const int MaxYearsBack = 1000;

    /// <summary>
    /// N of "the past N days", clamped to a little over <see cref="MaxYearsBack"/> in its unit (the
    /// range is then cut at exactly that): "in the past 2147483648 days" is every date of the last
    /// thousand years, never an overflow.
    /// </summary>
    private static int Count(string digits, string unit)
    {
        var most = unit switch
        {
            "day" => MaxYearsBack * 366,
            "week" => MaxYearsBack * 53,
            "month" => MaxYearsBack * 12,
            _ => MaxYearsBack,
        };
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= most ? (int)count : most;
    }

    private static int Month(string name) =>
        DateTime.ParseExact(name[..3], "MMM", CultureInfo.InvariantCulture).Month;

    // One of: "last/this week|month|year", "in the past/last 3 days", "yesterday/today",
    // "in|during|since|before|after|on [6] May [6,] [2025]", "[6] May [6,] 2025" or "in 2025". A bare
    // month name needs a preposition or a year: "may" and "march" are also verbs.
    [GeneratedRegex("""
        \b(?:
            (?<relative>(?:(?:in|during|from|over)\s+)?(?<which>last|this|past)\s+(?<unit>week|month|year))\b
          | (?<past>(?:(?:in|during|over)\s+)?(?:the\s+)?(?:past|last)\s+(?<count>\d+)\s+(?<punit>days?|weeks?|months?|years?))\b
          | (?<day>yesterday|today)\b
          | (?<prep>in|during|since|before|after|on|from)\s+
            (?:(?<date>\d{1,2})(?:st|nd|rd|th)?\s+)?
            (?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?
            (?:\s+(?<date>\d{1,2})(?:st|nd|rd|th)?\b,?)?
            (?:\s+(?<year>(?:19|20)\d{2}))?\b
          | (?:(?<date>\d{1,2})(?:st|nd|rd|th)?\s+)?
            (?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?
            (?:\s+(?<date>\d{1,2})(?:st|nd|rd|th)?\b,?)?
            \s+(?<year>(?:19|20)\d{2})\b
          | (?<prep>in|during|since|before|after|from)\s+(?<year>(?:19|20)\d{2})\b
        )
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
