namespace Newsroom.Evaluation;

/// <summary>Ranking figures over a set of questions: P@1, MRR@10, R@5, and time per question.</summary>
internal sealed class RankingScore
{
    private readonly List<int?> _ranks = [];
    private readonly List<double> _milliseconds = [];

    /// <summary>Records one question: the rank (from 1) of the first sentence holding an answer, or null if none of the top 10 does.</summary>
    public void Add(int? rank, double milliseconds)
    {
        _ranks.Add(rank);
        _milliseconds.Add(milliseconds);
    }

    public int Questions => _ranks.Count;

    public double PrecisionAt1 => Share(rank => rank == 1);

    public double RecallAt5 => Share(rank => rank <= 5);

    public double ReciprocalRankAt10 => _ranks.Count == 0 ? 0 : _ranks.Average(rank => rank is { } r and <= 10 ? 1.0 / r : 0);

    public double MedianMilliseconds => Percentile(0.50);

    public double P99Milliseconds => Percentile(0.99);

    private double Share(Func<int?, bool> predicate) => _ranks.Count == 0 ? 0 : (double)_ranks.Count(predicate) / _ranks.Count;

    /// <summary>Nearest-rank percentile.</summary>
    private double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return 0;
        }

        var sorted = _milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
