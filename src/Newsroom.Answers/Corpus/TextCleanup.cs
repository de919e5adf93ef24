using System.Text.RegularExpressions;

namespace Newsroom.Answers.Corpus;

/// <summary>Small text helpers shared by the formats.</summary>
internal static partial class TextCleanup
{
    /// <summary>The longest line taken for a photo credit.</summary>
    public const int MaxPhotoCreditLength = 100;

    /// <summary>Collapses runs of whitespace (including non-breaking spaces and line breaks) to one space.</summary>
    public static string Normalize(string text) => IsNormal(text) ? text : Whitespace().Replace(text, " ").Trim();

    /// <summary>
    /// True when <paramref name="text"/> has no whitespace but single spaces between words: most
    /// paragraphs are, and every article's text passes through <see cref="Normalize"/> while indexing.
    /// </summary>
    private static bool IsNormal(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i == 0 || i == text.Length - 1 || text[i + 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A photo credit line as wire services and news sites print them under pictures:
    /// "Mahmud Turkia/AFP via Getty Images", "AP Photo/Evan Vucci", "Photo: Reuters".
    /// Short, no sentence punctuation at the end, and naming an agency or a slash credit.
    /// </summary>
    public static bool LooksLikePhotoCredit(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.Length > MaxPhotoCreditLength || text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!'))
        {
            return false;
        }

        return PhotoCredit().IsMatch(text);
    }

    /// <summary>
    /// A byline as the last line of a story: "Camilo Montoya-Galvez", "By Jane Doe and John Roe",
    /// "Jane Doe, CBS News". A few capitalised words, no sentence punctuation.
    /// </summary>
    public static bool LooksLikeByline(string line)
    {
        var text = line.Trim();
        if (text.Length is 0 or > 80 || text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') || text.EndsWith(':'))
        {
            return false;
        }

        return Byline().IsMatch(text);
    }

    /// <summary>Removes a leading "By " from a byline.</summary>
    public static string StripBy(string byline) => ByPrefix().Replace(byline.Trim(), string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(\bvia Getty Images\b|\bGetty Images\b|\bAP Photo\b|^\s*(Photo|Photograph|Credit|Image)\s*:|^[\p{L}\p{M}.' -]{2,60}/[\p{L}\p{M}.' -]{2,60}$)", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoCredit();

    // Up to six name-like words (capitalised, hyphens and apostrophes allowed), optionally "By",
    // joined by "and" / commas. Deliberately strict: a false byline would hide a real paragraph.
    [GeneratedRegex(@"^(By\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(\s+(\p{Lu}[\p{L}\p{M}'’.-]*|and|de|van|von|da|del|la|le|bin|al-[\p{L}]+),?){0,6}$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"^By\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();
}
