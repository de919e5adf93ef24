using System.Globalization;
using System.Text;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// A file name or reason made safe for a log line. A file may be named "a\n[12:00:00 INF] …": logged
/// as it is, its name would forge a line of its own. Control characters, line and paragraph
/// separators and direction overrides are written as escapes (<c>\n</c>, <c>\u001B</c>).
/// </summary>
internal static class LogText
{
    /// <summary><paramref name="text"/> with every character that could start or disguise a line escaped.</summary>
    public static string Escape(string text)
    {
        if (!text.EnumerateRunes().Any(IsUnsafe))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            escaped.Append(rune.Value switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsUnsafe(rune) => "\\u" + rune.Value.ToString("X4", CultureInfo.InvariantCulture),
                _ => rune.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static bool IsUnsafe(Rune rune) =>
        Rune.IsControl(rune)
        || rune.Value is 0x2028 or 0x2029 or 0x85
        || rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
