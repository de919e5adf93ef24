using System.Globalization;
using System.Text;

namespace Newsroom.Bot.Commands;

/// <summary>
/// Text from users and articles made safe to print in a terminal. A question, a comment or an
/// article can carry escape sequences (clearing the screen, changing the window title, hiding the
/// rest of a line), line breaks that start a line of their own (a forged entry in a listing) and
/// Unicode direction overrides that reorder what is shown. Each becomes visible instead: a line
/// break as " ⏎ ", any other such character as its code ("\u001B").
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with nothing a terminal would act on.</summary>
    public static string Printable(string text)
    {
        if (!text.EnumerateRunes().Any(IsUnsafe))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 16);
        var afterCarriageReturn = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n' && afterCarriageReturn)
            {
                afterCarriageReturn = false;
                continue; // "\r\n" is one line break
            }

            afterCarriageReturn = rune.Value == '\r';
            if (rune.Value is '\n' or '\r' or 0x2028 or 0x2029)
            {
                printable.Append(" ⏎ ");
            }
            else if (IsUnsafe(rune))
            {
                printable.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                printable.Append(rune.ToString());
            }
        }

        return printable.ToString();
    }

    private static bool IsUnsafe(Rune rune) =>
        Rune.IsControl(rune)
        || rune.Value is 0x2028 or 0x2029 // line and paragraph separators
        || rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069); // direction marks and overrides
}
