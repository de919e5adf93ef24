namespace Newsroom.Answers.Answering;

/// <summary>How replies name a date limit.</summary>
internal static class DateRangeWording
{
    /// <summary>"in May 2025", "on 6 May 2025", "since 1 May 2025".</summary>
    public static string DescribeAsLimit(this DateRange range) => (range.From, range.Until) switch
    {
        ({ } from, { } until) when until == from.AddDays(1) => "on " + range.Describe(),
        ({ } from, { } until) when (from.Day == 1 && until == from.AddMonths(1)) || (from.Day == 1 && from.Month == 1 && until == from.AddYears(1)) => "in " + range.Describe(),
        ({ }, { }) => "from " + range.Describe(),
        _ => range.Describe(),
    };
}
