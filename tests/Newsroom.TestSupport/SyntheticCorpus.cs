using System.Text;

namespace Newsroom.Testing;

/// <summary>One generated article: where it was written, a question it answers and a word only its answer contains.</summary>
public sealed record SyntheticArticle(string Path, string Question, string AnswerWord);

/// <summary>
/// Writes a large corpus of plain-text articles for fault and load tests: deterministic for a seed,
/// each article about an invented project with a unique name, so every article has questions only
/// it answers ("What did Telvaro approve in Aldenport?") among thousands of similar sentences.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly string[] Syllables = ["ba", "del", "kor", "vin", "tas", "mor", "lin", "qua", "rez", "sol", "tek", "ul", "var", "zen", "pho", "gri", "nam", "ost", "cru", "fel"];
    private static readonly string[] Places = ["Aldenport", "Brightwater", "Carrow", "Dunmere", "Eastfield", "Fallowby", "Glenrock", "Harwick", "Ironbridge", "Juniper Bay", "Kestrel Point", "Larkhill"];
    private static readonly string[] Agencies = ["the city council", "the port authority", "the health ministry", "the transport board", "the school district", "the water utility", "the county court", "the housing agency"];
    private static readonly (string Past, string Base)[] Verbs = [("approved", "approve"), ("rejected", "reject"), ("delayed", "delay"), ("funded", "fund"), ("inspected", "inspect"), ("announced", "announce"), ("suspended", "suspend"), ("expanded", "expand")];
    private static readonly string[] Objects = ["a bridge repair plan", "a new ferry route", "a clinic expansion", "a flood barrier", "a bus lane network", "a library renovation", "a wind farm lease", "a school meal program", "a rail depot", "a housing tower"];
    private static readonly string[] Fillers =
    [
        "Officials said the decision followed months of public hearings.",
        "Residents who spoke at the meeting were divided on the cost.",
        "The budget office said the figures would be published next week.",
        "Opposition members called for an independent review of the contracts.",
        "Work is expected to begin before the end of the year, according to the agency.",
        "A spokesperson declined to comment on the timeline.",
        "Local businesses said they had not been consulted.",
        "The plan still needs the approval of the regional government.",
    ];

    /// <summary>The invented name of article <paramref name="number"/>: unique for every number.</summary>
    public static string Name(int number)
    {
        var name = new StringBuilder();
        var n = number;
        do
        {
            name.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        while (n > 0);
        name.Append("ix");
        name[0] = char.ToUpperInvariant(name[0]);
        return name.ToString();
    }

    /// <summary>Writes articles <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>-1 of about <paramref name="sentences"/> sentences each.</summary>
    public static IReadOnlyList<SyntheticArticle> Write(string folder, int first, int count, int sentences = 50, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var articles = new List<SyntheticArticle>(count);
        for (var number = first; number < first + count; number++)
        {
            var random = new Random(HashCode.Combine(seed, number));
            var name = Name(number);
            var place = Places[random.Next(Places.Length)];
            var agency = Agencies[random.Next(Agencies.Length)];
            var (past, verbBase) = Verbs[random.Next(Verbs.Length)];
            var thing = Objects[random.Next(Objects.Length)];
            var amount = random.Next(2, 900);

            var text = new StringBuilder();
            text.Append($"{name} plan in {place} {past} by {agency}\n\n");
            text.Append($"The {name} project in {place}, {thing}, was {past} by {agency} on Tuesday at a cost of {amount} million dollars.\n\n");
            for (var i = 1; i < sentences; i++)
            {
                text.Append(i % 4 == 0
                    ? $"Supporters of {name} said the {thing.Split(' ')[^1]} would serve {random.Next(1, 90)} thousand people in {place}. "
                    : Fillers[random.Next(Fillers.Length)] + " ");
                if (i % 5 == 4)
                {
                    text.Append("\n\n");
                }
            }

            text.Append("\n\nBy Jane Doe\n");
            var path = System.IO.Path.Combine(folder, $"synthetic-{number:D6}.txt");
            File.WriteAllText(path, text.ToString());
            articles.Add(new SyntheticArticle(path, $"What did {agency} {verbBase} for the {name} project in {place}?", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return articles;
    }
}
