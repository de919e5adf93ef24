using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Benchmarks;

/// <summary>The benchmark's command line, and small helpers around it.</summary>
internal sealed partial record Arguments(int Sentences, int Questions, int Seed, string? Work, bool Keep, int Rounds, string Templates)
{
    public static Arguments Parse(string[] args)
    {
        // Eight flags: a parser library would be more code than this.
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Arguments(
            int.Parse(Value("--sentences") ?? "100000", CultureInfo.InvariantCulture),
            int.Parse(Value("--questions") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "42", CultureInfo.InvariantCulture),
            Value("--work"),
            args.Contains("--keep"),
            Math.Max(1, int.Parse(Value("--rounds") ?? "3", CultureInfo.InvariantCulture)),
            // Template sentences for the generated corpus: "seed" (the seed article alone) or a
            // SQuAD-format file, relative to the repository root, whose paragraphs join the seed's.
            Value("--templates") ?? "tests/Data/squad/squad-v1.1-dev-even.json");
    }

    /// <summary>Questions a reader might ask about sentences of the corpus: 3–5 of a sentence's content words.</summary>
    public static List<string> MakeQuestions(IReadOnlyList<string> sample, int count, int seed)
    {
        var random = new Random(seed + 7);
        var questions = new List<string>(count);
        while (questions.Count < count)
        {
            var words = ContentWord().Matches(sample[random.Next(sample.Count)]).Select(m => m.Value).ToList();
            if (words.Count < 3)
            {
                continue;
            }

            var take = Math.Min(words.Count, random.Next(3, 6));
            var start = random.Next(0, words.Count - take + 1);
            // Not "What about …?": the bot reads that as a follow-up to the conversation's last question.
            questions.Add($"What do we know about {string.Join(' ', words.Skip(start).Take(take))}?");
        }

        return questions;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    [GeneratedRegex(@"\b\p{L}{4,}\b")]
    private static partial Regex ContentWord();
}
