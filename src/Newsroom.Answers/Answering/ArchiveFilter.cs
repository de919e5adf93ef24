using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Answering;

/// <summary>Which published articles a question is limited to: a date range, a source, both or neither.</summary>
public sealed record ArchiveFilter(DateRange? Dates, string? Source)
{
    /// <summary>No limit.</summary>
    public static ArchiveFilter None { get; } = new(null, null);

    /// <summary>True when nothing is limited.</summary>
    public bool IsEmpty => Dates is null && Source is null;

    /// <summary>"from CBS News in May 2025", for replies.</summary>
    public string Describe() =>
        string.Join(' ', new[] { Source is null ? null : $"from {Source}", Dates?.DescribeAsLimit() }.OfType<string>());

    /// <summary>The same limit, with the source as the articles write it ("CBS News", not "cbs news").</summary>
    internal ArchiveFilter Named(IEnumerable<Citation> citations) =>
        Source is null ? this : this with { Source = citations.Select(c => c.Source).FirstOrDefault(s => s is not null && SentenceFields.SourceKeyOf(s) == Source) ?? Source };
}
