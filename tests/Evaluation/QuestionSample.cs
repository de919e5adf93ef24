namespace Newsroom.Evaluation;

/// <summary>
/// Which questions an evaluation run asks, by their position in the file: all of them, or only the
/// even- or odd-numbered ones (two halves for a 2-fold check), and of those every N-th.
/// </summary>
internal static class QuestionSample
{
    /// <summary>
    /// The selection for <paramref name="part"/> ("all", "even" or "odd", any case) and
    /// <paramref name="every"/>; null selects every question. False when <paramref name="part"/> is none of those.
    /// </summary>
    public static bool TryCreate(string? part, int every, out Func<int, bool>? sample)
    {
        int? parity = (part ?? "all").Trim().ToLowerInvariant() switch
        {
            "all" or "" => null,
            "even" => 0,
            "odd" => 1,
            _ => -1,
        };
        sample = null;
        if (parity == -1)
        {
            return false;
        }

        var step = Math.Max(every, 1);
        if (parity is { } p)
        {
            // Every N-th of the chosen half: positions p, p + 2N, p + 4N…
            sample = i => i % 2 == p && (i / 2) % step == 0;
        }
        else if (step > 1)
        {
            sample = i => i % step == 0;
        }

        return true;
    }
}
