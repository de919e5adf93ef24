using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Tests;

public sealed class DatePhraseTests
{
    // A Wednesday.
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 15, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("what did we report in May 2025 about deportations", 2025, 5, 1, 2025, 6, 1, "what did we report about deportations")]
    [InlineData("stories from 2024 on Libya", 2024, 1, 1, 2025, 1, 1, "stories on Libya")]
    [InlineData("news on 6 May 2025", 2025, 5, 6, 2025, 5, 7, "news")]
    [InlineData("news on May 6, 2025", 2025, 5, 6, 2025, 5, 7, "news")]
    [InlineData("what happened in March", 2025, 3, 1, 2025, 4, 1, "what happened")]
    [InlineData("what happened in December", 2024, 12, 1, 2025, 1, 1, "what happened")]
    [InlineData("port news last week", 2025, 6, 9, 2025, 6, 16, "port news")]
    [InlineData("port news this month", 2025, 6, 1, 2025, 7, 1, "port news")]
    [InlineData("port news in the past 3 days", 2025, 6, 16, 2025, 6, 19, "port news")]
    [InlineData("port news yesterday", 2025, 6, 17, 2025, 6, 18, "port news")]
    [InlineData("port news in the past 2147483648 days", 1025, 6, 19, 2025, 6, 19, "port news")]
    [InlineData("port news in the past 99999999999999999999999 years", 1025, 6, 19, 2025, 6, 19, "port news")]
    [InlineData("port news in the last 4294967296 weeks", 1025, 6, 19, 2025, 6, 19, "port news")]
    public void Finds_the_period_and_removes_it_from_the_question(string question, int fy, int fm, int fd, int uy, int um, int ud, string rest)
    {
        var (range, remainder) = DatePhrases.Find(question, Now)!.Value;

        Assert.Equal(new DateRange(Day(fy, fm, fd), Day(uy, um, ud)), range);
        Assert.Equal(rest, remainder);
    }

    [Fact]
    public void Since_and_before_leave_one_end_open()
    {
        Assert.Equal(new DateRange(Day(2025, 3, 1), null), DatePhrases.Find("deportations since March 2025", Now)!.Value.Range);
        Assert.Equal(new DateRange(null, Day(2025, 3, 1)), DatePhrases.Find("deportations before March 2025", Now)!.Value.Range);
    }

    [Theory]
    [InlineData("The administration may soon deport immigrants")]
    [InlineData("Officials march on the capital")]
    [InlineData("Which countries did officials approach?")]
    public void Month_names_that_are_verbs_are_not_dates(string question) =>
        Assert.Null(DatePhrases.Find(question, Now));

    [Fact]
    public void A_period_is_described_as_people_say_it()
    {
        Assert.Equal("in May 2025", new DateRange(Day(2025, 5, 1), Day(2025, 6, 1)).DescribeAsLimit());
        Assert.Equal("on 6 May 2025", new DateRange(Day(2025, 5, 6), Day(2025, 5, 7)).DescribeAsLimit());
        Assert.Equal("since 1 March 2025", new DateRange(Day(2025, 3, 1), null).DescribeAsLimit());
    }
}
