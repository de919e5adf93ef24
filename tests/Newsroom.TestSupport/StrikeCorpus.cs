using System.Text.RegularExpressions;

namespace Newsroom.Testing;

/// <summary>
/// A small corpus for conversations: eight sentences in two articles say which ports joined a
/// strike, so an answer has at least three pages at three quotes a page before "that's all".
/// </summary>
public sealed partial class StrikeCorpus : IDisposable
{
    /// <summary>The question all eight port sentences answer.</summary>
    public const string Question = "Which ports joined the strike?";

    /// <summary>The sentences that answer <see cref="Question"/>, in the order the articles hold them.</summary>
    public static readonly string[] PortSentences =
    [
        "Dockworkers at the port of Rotterdam joined the strike on Monday.",
        "The port of Antwerp joined the strike a day later, union leaders said.",
        "Crews at the port of Hamburg joined the strike on Wednesday.",
        "Workers at the port of Le Havre joined the strike after a vote.",
        "The union said the port of Gdansk would join the strike next week.",
        "The port of Felixstowe joined the strike on Thursday.",
        "Staff at the port of Genoa joined the strike in solidarity.",
        "The port of Valencia joined the strike on Friday, the last to do so.",
    ];

    /// <summary>The article that says which ports joined first (the first five port sentences), with a link.</summary>
    public static readonly string PortStrikeArticle = $"""
        ---
        title: Dockworkers strike spreads along the coast
        author: Jane Doe
        source: Harbor Gazette
        date: 2025-05-06
        url: https://example.com/port-strike
        ---
        {PortSentences[0]} Cranes stood still across the harbour.

        {PortSentences[1]} Ships queued outside the locks.

        {PortSentences[2]}

        {PortSentences[3]}

        {PortSentences[4]}
        """;

    /// <summary>The article that says which ports joined later (the last three port sentences), without a link.</summary>
    public static readonly string StrikeUpdateArticle = $"""
        ---
        title: Strike update (day three)
        author: John Roe
        date: 2025-05-08
        ---
        {PortSentences[5]}

        {PortSentences[6]}

        {PortSentences[7]}
        """;

    /// <summary>Writes both articles into a new temporary folder.</summary>
    public StrikeCorpus()
    {
        Folder = Directory.CreateTempSubdirectory("newsroom-strike-").FullName;
        File.WriteAllText(Path.Combine(Folder, "port-strike.md"), PortStrikeArticle);
        File.WriteAllText(Path.Combine(Folder, "strike-update.md"), StrikeUpdateArticle);
    }

    /// <summary>The folder that holds the two articles.</summary>
    public string Folder { get; }

    /// <summary>The quotes of an answer reply's text by number, as plain sentences (bold and escaping removed).</summary>
    public static Dictionary<int, string> Quotes(string replyText) =>
        QuoteLine().Matches(replyText).ToDictionary(
            m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m => Unescape(m.Groups["text"].Value.Replace("**", string.Empty, StringComparison.Ordinal)));

    private static string Unescape(string markdown) => Regex.Replace(markdown, @"\\(.)", "$1");

    // "1. “quote”", then on channels that render citations a " [1]" marker, then a Markdown hard break.
    [GeneratedRegex(@"^(?<n>\d+)\. “(?<text>.+)”(?: \[\d+\])? *$", RegexOptions.Multiline)]
    private static partial Regex QuoteLine();

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
