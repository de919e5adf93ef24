using System.Globalization;
using System.Text;

namespace Newsroom.Benchmarks;

/// <summary>Collects figures and prints them as a Markdown table (ready for docs/benchmarks.md).</summary>
internal sealed class Report
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public void Note(string note)
    {
        _notes.Add(note);
        Console.Error.WriteLine(note);
    }

    public void Row(string figure, double? raw, double? product, string target, string note)
    {
        _rows.Add([figure, Format(raw), Format(product), string.Empty, target, note]);
        Console.Error.WriteLine($"{figure}: raw {Format(raw)}, product {Format(product)} {note}");
    }

    /// <summary>Fills in the product's figure and its ratio to raw for a row added with the raw figure.</summary>
    public void Ratio(string figure, double product, double raw, bool met)
    {
        var row = _rows.Single(r => r[0] == figure);
        row[2] = Format(product);
        row[3] = $"{product / raw:P0} of raw";
        row[5] = (met ? "met" : "missed") + (row[5].Length > 0 ? "; " + row[5] : string.Empty);
        Console.Error.WriteLine($"{figure}: product {Format(product)} ({row[3]})");
    }

    public void Latency(string figure, double[] product, double[]? raw)
    {
        foreach (var (name, p) in new[] { ("p50", 0.50), ("p95", 0.95), ("p99", 0.99) })
        {
            var productValue = Percentile(product, p);
            var rawValue = raw is null ? (double?)null : Percentile(raw, p);
            var target = figure.StartsWith('…') ? string.Empty : (figure.Contains("HTTP", StringComparison.Ordinal), name) switch
            {
                (false, "p50") => "≤ 2× raw",
                (false, "p99") => "≤ 3× raw and ≤ 15 ms",
                (true, "p99") => "≤ 30 ms",
                _ => string.Empty,
            };
            _rows.Add([$"{figure} {name}", Format(rawValue), Format(productValue), rawValue is { } r ? $"{productValue / r:N2}×" : string.Empty, target, string.Empty]);
            Console.Error.WriteLine($"{figure} {name}: raw {Format(rawValue)}, product {Format(productValue)}");
        }
    }

    public void Print()
    {
        var table = new StringBuilder();
        table.AppendLine("| figure | raw Lucene.Net | product | product / raw | target | note |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            table.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        Console.WriteLine(table.ToString());
        foreach (var note in _notes)
        {
            Console.WriteLine("- " + note);
        }
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Format(double? value) => value switch
    {
        null => "–",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("N2", CultureInfo.InvariantCulture),
    };
}
