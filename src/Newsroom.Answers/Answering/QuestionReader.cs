using Lucene.Net.Analysis;

namespace Newsroom.Answers.Answering;

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
    public List<string> Terms(string text) => Indexing.AnalysedTerms.Of(_analyzer, text);

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
