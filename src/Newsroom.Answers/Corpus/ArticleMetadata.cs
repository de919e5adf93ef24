using System.Globalization;

namespace Newsroom.Answers.Corpus;

/// <summary>Metadata fields as formats name them, normalised: shared by front matter, HTML meta tags and JSON-LD.</summary>
internal sealed class ArticleMetadata
{
    public string? Title { get; set; }
    public string? Author { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset? Published { get; set; }
    public string? Url { get; set; }

    /// <summary>Parses a date as newsrooms write them in metadata (ISO 8601, RFC 1123, "May 6, 2025").</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
    }

    /// <summary>Only absolute http(s) links are cited: anything else could not be opened by a reader.</summary>
    public static string? ParseUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;

    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = TextCleanup.Normalize(value);
        return text.Length == 0 ? null : text;
    }
}
