using Lucene.Net.Analysis;

namespace Newsroom.Answers.Answering;

/// <summary>
/// One thing the question asks about: a word of the question, with the other ways the reporting
/// may say it (from the configured synonym groups). Each alternative is a sequence of analysed
/// terms: one term ("deport") or a phrase ("unit", "state").
/// </summary>
internal sealed record Concept(IReadOnlyList<string[]> Alternatives)
{
    /// <summary>True when <paramref name="terms"/> (a sentence's analysed terms, in order) says this concept.</summary>
    public bool IsIn(ReadOnlySpan<string> terms) => CountIn(terms) > 0;

    /// <summary>How many times <paramref name="terms"/> says this concept (its most frequent way of saying it).</summary>
    public int CountIn(ReadOnlySpan<string> terms)
    {
        // Ranking asks this of every candidate, its neighbours and its paragraph for every concept:
        // indexed loops over a span, no enumerator (a twentieth of the allocations of answering over HTTP).
        var most = 0;
        for (var a = 0; a < Alternatives.Count; a++)
        {
            var alternative = Alternatives[a];
            var count = 0;
            for (var i = 0; i + alternative.Length <= terms.Length; i++)
            {
                var match = true;
                for (var j = 0; j < alternative.Length && match; j++)
                {
                    match = string.Equals(terms[i + j], alternative[j], StringComparison.Ordinal);
                }

                if (match)
                {
                    count++;
                }
            }

            most = Math.Max(most, count);
        }

        return most;
    }

    /// <summary>The single term of a one-word concept without synonyms, else null.</summary>
    public string? SingleTerm => Alternatives is [[var only]] ? only : null;
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
