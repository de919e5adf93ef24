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
