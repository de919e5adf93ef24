using FsCheck;
using FsCheck.Fluent;
using System.Text;

namespace Newsroom.Testing;

/// <summary>
/// A message someone could type, paste or forge: shown in full only when short, so a failing
/// 100 kB case is still readable in the test output.
/// </summary>
public sealed record HostileText(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.Length <= 200
        ? Escape(Value)
        : $"{Escape(Value[..120])}… ({Value.Length:N0} chars)";

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c is < ' ' or (>= '\u007f' and <= '\u009f') || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>
/// FsCheck generators for hostile input: arbitrary UTF-16 (lone surrogates included), control and
/// formatting characters, many scripts and emoji, Lucene query syntax, markup, and messages of
/// about 100 kB, alone and mixed together. Used as <c>[Property(Arbitrary = [typeof(HostileInput)])]</c>.
/// </summary>
public static class HostileInput
{
    private static readonly string[] LuceneSyntax =
    [
        "title:\"x\" AND (", "text:*", "*:*", "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", "[a TO z]", "{* TO *}",
        "~", "~2", "^10", "\"", "\\", "/.*/", "/[a-z]+{1000}/", "?", "*", "a*b?c", "field:", ":", "\\u0000", "fuzzy~0.5",
        "\"unterminated phrase", "(((((((((((", ")))))))))))", "_query_:\"{!lucene}x\"", "{!func}sum(1,2)",
    ];

    private static readonly string[] Words =
    [
        "Libya", "deportation", "U.S.", "officials", "Which", "countries", "did", "the", "Trump", "administration",
        "São Tomé", "Ελλάδα", "Москва", "北京", "東京", "서울", "القاهرة", "ירושלים", "मुंबई", "กรุงเทพ", "Ñandú",
        "🙂", "👩🏽‍⚖️", "🇺🇸", "e\u0301", "ﬁ", "İ", "ß", "Ⅻ", "١٢٣", "0x7fffffff", "-1", "NaN", "1e309",
        "<script>alert(1)</script>", "**bold**", "[link](javascript:x)", "&amp;", "${jndi:ldap://x}", "'; DROP TABLE --",
    ];

    private static readonly char[] Controls =
    [
        '\0', '\u0001', '\a', '\b', '\t', '\n', '\v', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u009b',
        '\u00a0', '\u00ad', '\u200b', '\u200d', '\u200e', '\u202e', '\u2028', '\u2029', '\u2066', '\ufeff', '\ufffd', '\uffff',
    ];

    /// <summary>The arbitrary FsCheck uses for <see cref="HostileText"/> parameters.</summary>
    public static Arbitrary<HostileText> Text() => Arb.From(Generator(), Shrink);

    /// <summary>The generator alone (for sampling outside a property).</summary>
    public static Gen<HostileText> Generator() => Gen.Frequency(
        (4, AnyUtf16(300)),
        (3, Gen.Elements(Words).ListOf().Select(words => string.Join(' ', words))),
        (3, Gen.Elements(LuceneSyntax).ListOf().Select(tokens => string.Join(' ', tokens))),
        (2, Gen.Elements(Controls).ArrayOf().Select(chars => new string(chars))),
        (4, Mixed()),
        (1, Huge())).Select(text => new HostileText(text));

    private static Gen<string> AnyUtf16(int maxLength) =>
        from length in Gen.Choose(0, maxLength)
        from chars in Gen.Choose(0, char.MaxValue).Select(c => (char)c).ArrayOf(length)
        select new string(chars);

    private static Gen<string> Piece() => Gen.OneOf(
        Gen.Elements(Words),
        Gen.Elements(LuceneSyntax),
        Gen.Elements(Controls).Select(c => c.ToString()),
        Gen.Choose(0xD800, 0xDFFF).Select(c => ((char)c).ToString()), // a lone surrogate
        AnyUtf16(8));

    private static Gen<string> Mixed() => Piece().ListOf().Select(pieces => string.Concat(pieces));

    /// <summary>About 100 kB: one pasted article, many distinct words, or one endless token.</summary>
    private static Gen<string> Huge() => Gen.OneOf(
        Mixed().Select(text => Repeat(text.Length == 0 ? "x" : text, 100_000)),
        Gen.Choose(0, int.MaxValue).Select(seed => DistinctWords(seed, 100_000)),
        Gen.Elements('a', '(', '"', '*', '\u0301', '\ud83d').Select(c => new string(c, 100_000)));

    private static string Repeat(string text, int length)
    {
        var builder = new StringBuilder(length + text.Length);
        while (builder.Length < length)
        {
            builder.Append(text).Append(' ');
        }

        return builder.ToString();
    }

    /// <summary>Thousands of different words: far more concepts than a question should ever have.</summary>
    private static string DistinctWords(int seed, int length)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            var word = random.Next(3, 10);
            for (var i = 0; i < word; i++)
            {
                builder.Append((char)('a' + random.Next(26)));
            }

            builder.Append(' ');
        }

        return builder.ToString();
    }

    private static IEnumerable<HostileText> Shrink(HostileText text)
    {
        // Halves first (a 100 kB failure shrinks fast), then single characters removed.
        var value = text.Value;
        if (value.Length > 1)
        {
            yield return new HostileText(value[..(value.Length / 2)]);
            yield return new HostileText(value[(value.Length / 2)..]);
        }

        if (value.Length <= 64)
        {
            for (var i = 0; i < value.Length; i++)
            {
                yield return new HostileText(value.Remove(i, 1));
            }
        }
    }
}
