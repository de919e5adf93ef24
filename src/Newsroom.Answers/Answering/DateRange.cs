using System.Globalization;

namespace Newsroom.Answers.Answering;

/// <summary>A span of publication dates, UTC, <see cref="From"/> inclusive and <see cref="Until"/> exclusive; either end may be open.</summary>
public sealed record DateRange(DateTimeOffset? From, DateTimeOffset? Until)
{
    /// <summary>How a reply names the range: "May 2025", "since 1 May 2025", "6–13 May 2025".</summary>
    public string Describe()
    {
        static string Day(DateTimeOffset d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return (From, Until) switch
        {
            ({ } from, { } until) when from.Day == 1 && from.Month == 1 && until == from.AddYears(1) => from.Year.ToString(CultureInfo.InvariantCulture),
            ({ } from, { } until) when from.Day == 1 && until == from.AddMonths(1) => from.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            ({ } from, { } until) when until == from.AddDays(1) => Day(from),
            ({ } from, { } until) => $"{Day(from)} to {Day(until.AddDays(-1))}",
            ({ } from, null) => $"since {Day(from)}",
            (null, { } until) => $"before {Day(until)}",
            _ => "any date",
        };
    }
}
