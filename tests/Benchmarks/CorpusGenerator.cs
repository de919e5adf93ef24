using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Newsroom.Benchmarks;

/// <summary>
/// Writes a news-like corpus of a given number of sentences, deterministically from a seed.
/// Sentences recombine real sentences (the templates: the seed article's, and by default the
/// SQuAD file's 4,600 Wikipedia sentences on 24 subjects): their structure and function words stay,
/// and about a third of the content words are swapped for words drawn from a Zipf-distributed
/// vocabulary (the templates' words plus generated ones), names, places and numbers, so term
/// statistics look like a real archive (a few very common words, a long tail of rare ones).
/// With the seed article's 20 sentences alone (<c>--templates seed</c>) every one of its words is
/// in tens of thousands of sentences at a million, far from a real archive's statistics, which
/// is why the SQuAD paragraphs join them by default.
/// Articles are 8–60 sentences, two thirds plain text and one third Markdown with front matter
/// (source, date), so the archive filters have something to filter.
/// </summary>
internal sealed partial class CorpusGenerator(IReadOnlyList<string> templateTexts, int seed)
{
    private static readonly string[] FirstNames = ["Ana", "Omar", "Li", "Maria", "John", "Fatima", "Kwame", "Sofia", "Ivan", "Aisha", "Carlos", "Mei", "David", "Leila", "Pedro", "Hana", "Samuel", "Nadia", "Jorge", "Elena"];
    private static readonly string[] LastNames = ["Garcia", "Haddad", "Chen", "Okafor", "Smith", "Rossi", "Kowalski", "Nguyen", "Mensah", "Ivanova", "Santos", "Khan", "Muller", "Dubois", "Tanaka", "Silva", "Ahmed", "Novak", "Lopez", "Park"];
    private static readonly string[] Sources = ["CBS News", "Harbor Gazette", "City Times", "Metro Wire", "Valley Herald"];

    private readonly Random _random = new(seed);
    private readonly List<string[]> _templates = templateTexts.SelectMany(Sentences).ToList();
    private readonly string[] _vocabulary = Vocabulary(string.Join('\n', templateTexts), new Random(seed + 1));
    private readonly string[] _places = Enumerable.Range(0, 400).Select(i => Capitalise(Word(new Random(seed + 100 + i), 2, 3))).ToArray();

    /// <summary>The sentences written so far, for making questions.</summary>
    public List<string> Sample { get; } = [];

    /// <summary>Writes articles into <paramref name="folder"/> until <paramref name="sentences"/> sentences are written; returns the file count.</summary>
    public int Write(string folder, int sentences)
    {
        Directory.CreateDirectory(folder);
        var written = 0;
        var files = 0;
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        while (written < sentences)
        {
            var count = Math.Min(_random.Next(8, 61), sentences - written);
            var body = new StringBuilder();
            for (var i = 0; i < count;)
            {
                var inParagraph = Math.Min(_random.Next(1, 4), count - i);
                body.AppendJoin(' ', Enumerable.Range(0, inParagraph).Select(_ => Sentence())).Append("\n\n");
                i += inParagraph;
            }

            var title = Capitalise(string.Join(' ', Enumerable.Range(0, _random.Next(4, 9)).Select(_ => Pick())));
            var author = $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";
            var folderName = Path.Combine(folder, (files / 1000).ToString("D4", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folderName);
            if (files % 3 == 2)
            {
                var date = start.AddHours(_random.Next(0, 24 * 700));
                File.WriteAllText(Path.Combine(folderName, $"{files:D7}.md"),
                    $"---\ntitle: \"{title}\"\nauthor: {author}\nsource: {Sources[_random.Next(Sources.Length)]}\ndate: {date:yyyy-MM-dd}\n---\n{body}");
            }
            else
            {
                File.WriteAllText(Path.Combine(folderName, $"{files:D7}.txt"), $"{title}\n\n{body}{author}\n");
            }

            written += count;
            files++;
        }

        return files;
    }

    /// <summary>One new sentence with <paramref name="marker"/> in it (for the freshness measurement).</summary>
    public string SentenceWith(string marker) => $"Officials confirmed the {marker} plan for {_places[0]} on Tuesday.";

    private string Sentence()
    {
        var template = _templates[_random.Next(_templates.Count)];
        var words = new string[template.Length];
        for (var i = 0; i < template.Length; i++)
        {
            var word = template[i];
            words[i] = word switch
            {
                _ when word.Length > 3 && char.IsUpper(word[0]) && i > 0 && _random.NextDouble() < 0.6 => _random.NextDouble() < 0.5 ? _places[Zipf(_places.Length)] : LastNames[_random.Next(LastNames.Length)],
                _ when word.All(char.IsDigit) => _random.Next(2, 5000).ToString(CultureInfo.InvariantCulture),
                _ when word.Length > 3 && char.IsLower(word[0]) && _random.NextDouble() < 0.35 => Pick(),
                _ => word,
            };
        }

        var sentence = Capitalise(string.Join(' ', words).TrimEnd(',', ';', ':')) + ".";
        if (Sample.Count < 20_000 && _random.Next(20) == 0)
        {
            Sample.Add(sentence);
        }

        return sentence;
    }

    private string Pick() => _vocabulary[Zipf(_vocabulary.Length)];

    /// <summary>A rank from a Zipf-like distribution (s ≈ 1): rank r is about 1/r as likely as the first.</summary>
    private int Zipf(int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(_random.NextDouble() * Math.Log(n + 1)) - 1));

    /// <summary>The paragraphs of a SQuAD-format file, as template text.</summary>
    public static IEnumerable<string> SquadContexts(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(article => article.GetProperty("paragraphs").EnumerateArray())
            .Select(paragraph => paragraph.GetProperty("context").GetString() ?? string.Empty)
            .ToList();
    }

    private static List<string[]> Sentences(string text) =>
        SentenceEnd().Split(text.Replace('\n', ' '))
            .Select(s => s.Trim().TrimEnd('.', '!', '?'))
            .Where(s => s.Split(' ').Length is >= 6 and <= 45)
            .Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '“', '”', '(', ')')).Where(w => w.Length > 0).ToArray())
            .ToList();

    private static string[] Vocabulary(string seedText, Random random)
    {
        var seedWords = Words().Matches(seedText).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 3).Distinct().ToList();
        var generated = Enumerable.Range(0, 30_000).Select(_ => Word(random, 2, 4));
        return seedWords.OrderBy(_ => random.Next()).Concat(generated).Distinct().ToArray();
    }

    private static string Word(Random random, int minSyllables, int maxSyllables)
    {
        string[] onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr", "sh", "ch"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
        string[] codas = ["", "", "n", "r", "s", "l", "t", "m"];
        var word = new StringBuilder();
        for (var i = random.Next(minSyllables, maxSyllables + 1); i > 0; i--)
        {
            word.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]).Append(codas[random.Next(codas.Length)]);
        }

        return word.ToString();
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z“""])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\p{Ll}+")]
    private static partial Regex Words();
}
