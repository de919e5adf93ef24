using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Newsroom.Answers.Answering;

/// <summary>
/// One thing the question asks about: a word of the question, with the other ways the reporting
/// may say it (from the configured synonym groups). Each alternative is a sequence of analysed
/// terms: one term ("deport") or a phrase ("unit", "state").
/// </summary>
internal sealed record Concept(IReadOnlyList<string[]> Alternatives)
{
    /// <summary>True when <paramref name="terms"/> (a sentence's analysed terms, in order) says this concept.</summary>
    public bool IsIn(IReadOnlyList<string> terms, HashSet<string> termSet)
    {
        foreach (var alternative in Alternatives)
        {
            if (alternative.Length == 1 ? termSet.Contains(alternative[0]) : ContainsPhrase(terms, alternative))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsPhrase(IReadOnlyList<string> terms, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= terms.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Length && match; j++)
            {
                match = terms[i + j] == phrase[j];
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Turns text into analysed terms, and questions into <see cref="Concept"/>s.</summary>
internal sealed class QuestionReader
{
    private readonly Analyzer _analyzer;
    private readonly List<string[][]> _synonymGroups;

    public QuestionReader(Analyzer analyzer, IEnumerable<string> synonymGroups)
    {
        _analyzer = analyzer;
        _synonymGroups = synonymGroups
            .Select(group => group.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(phrase => Terms(phrase).ToArray())
                .Where(terms => terms.Length > 0)
                .Distinct(TermSequenceComparer.Instance)
                .ToArray())
            .Where(group => group.Length > 1)
            .ToList();
    }

    /// <summary>The analysed terms of <paramref name="text"/> in order (stop words removed, stemmed).</summary>
    public List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(Indexing.SentenceFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>
    /// The concepts of a question: its distinct terms, where a run of terms that belongs to a
    /// synonym group (longest first) becomes one concept with every way of saying it.
    /// </summary>
    public List<Concept> Concepts(IReadOnlyList<string> terms)
    {
        var concepts = new List<Concept>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count;)
        {
            var (group, length) = LongestSynonymAt(terms, i);
            var alternatives = group is null ? [[terms[i]]] : group;
            var key = string.Join('|', alternatives.Select(a => string.Join(' ', a)).Order(StringComparer.Ordinal));
            if (seen.Add(key))
            {
                concepts.Add(new Concept(alternatives));
            }

            i += Math.Max(length, 1);
        }

        return concepts;
    }

    private (string[][]? Group, int Length) LongestSynonymAt(IReadOnlyList<string> terms, int start)
    {
        string[][]? best = null;
        var bestLength = 0;
        foreach (var group in _synonymGroups)
        {
            foreach (var phrase in group)
            {
                if (phrase.Length > bestLength && start + phrase.Length <= terms.Count && phrase.Select((t, j) => t == terms[start + j]).All(x => x))
                {
                    best = group;
                    bestLength = phrase.Length;
                }
            }
        }

        return (best, bestLength);
    }

    private sealed class TermSequenceComparer : IEqualityComparer<string[]>
    {
        public static readonly TermSequenceComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}
