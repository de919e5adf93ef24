using ICU4N.Text;
using System.Globalization;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// Splits a paragraph into sentences for citation. ICU's sentence rules (UAX #29, through
/// ICU4N, which Lucene.Net.ICU already brings) handle quotations, decimals and initials; after
/// them, a break that falls right after one of the abbreviations news copy is full of
/// ("the U.S. Army", "Gen. Jones", "Jan. 5", "Sen. Warren"), which plain UAX #29 splits whenever
/// a capital follows, is undone. (ICU's own FilteredBreakIteratorBuilder does this too, but in
/// ICU4N 60 it misses abbreviations with inner periods such as "U.S.", so the list is applied here.)
/// Thread-safe: each call works on its own clone of the prototype iterator.
/// </summary>
internal sealed class SentenceSplitter
{
    /// <summary>
    /// Abbreviations after which a period does not end the sentence in news copy (AP style titles,
    /// months, states, organisations). "a.m."/"p.m." and "Inc." are left out on purpose: in news copy
    /// they end sentences about as often as not.
    /// </summary>
    private static readonly string[] Abbreviations =
    [
        "U.S.", "U.N.", "U.K.", "E.U.", "D.C.",
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Rev.", "Sr.", "Jr.", "St.", "Mt.", "Ft.",
        "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cmdr.", "Adm.", "Cpl.", "Pvt.",
        "Sen.", "Rep.", "Gov.", "Lt. Gov.", "Atty.", "Supt.", "Det.", "Insp.", "Amb.", "Pres.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
        "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
        "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
        "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.",
        "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.",
        "No.", "Nos.", "Vol.", "vs.", "v.", "etc.", "approx.", "est.", "Corp.", "Co.", "Ltd.", "Bros.", "Dept.", "Univ.",
    ];

    private readonly BreakIterator _prototype;

    // One iterator per thread (a BreakIterator is stateful): cloning one per paragraph would be a
    // measurable share of indexing time (tests/Benchmarks --breakdown).
    private readonly ThreadLocal<BreakIterator> _iterators;

    /// <summary>Creates the splitter; the ICU rule data loads once, here.</summary>
    public SentenceSplitter()
    {
        _prototype = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);
        _iterators = new ThreadLocal<BreakIterator>(() => (BreakIterator)_prototype.Clone());
    }

    /// <summary>The sentences of <paramref name="paragraph"/>, trimmed, in order.</summary>
    public IReadOnlyList<string> Split(string paragraph)
    {
        var sentences = new List<string>();
        if (string.IsNullOrWhiteSpace(paragraph))
        {
            return sentences;
        }

        var iterator = _iterators.Value!;
        iterator.SetText(paragraph);
        var start = iterator.First();
        for (var end = iterator.Next(); end != BreakIterator.Done; start = end, end = iterator.Next())
        {
            var sentence = paragraph.AsSpan(start, end - start).Trim().ToString();
            if (sentence.Length == 0)
            {
                continue;
            }

            if (sentences.Count > 0)
            {
                // A fragment with no letters or digits (a stray closing quote: `conflict.” ”`) belongs
                // to the sentence before it, not a citation of its own; so does a closing quote that
                // ICU put at the start of the next sentence.
                if (!sentence.Any(char.IsLetterOrDigit))
                {
                    sentences[^1] = sentences[^1] + " " + sentence;
                    continue;
                }

                var closing = LeadingClosingPunctuation(sentence);
                if (closing > 0)
                {
                    sentences[^1] = sentences[^1] + " " + sentence[..closing].Trim();
                    sentence = sentence[closing..].TrimStart();
                }

                if (EndsWithAbbreviation(sentences[^1]))
                {
                    sentences[^1] = sentences[^1] + " " + sentence;
                    continue;
                }
            }

            sentences.Add(sentence);
        }

        return CapLength(sentences);
    }

    /// <summary>
    /// The longest sentence cited: a run longer than this (20 MB of text without a full stop was one
    /// "sentence", and a reply quoting it was 20 MB) is cut into pieces of at most this many
    /// characters, each at the last space before the limit when there is one in its second half.
    /// News sentences are far shorter (the longest of the SQuAD sample is under 800 characters).
    /// </summary>
    public const int MaxSentenceChars = 1500;

    private static IReadOnlyList<string> CapLength(List<string> sentences)
    {
        if (sentences.TrueForAll(s => s.Length <= MaxSentenceChars))
        {
            return sentences;
        }

        var capped = new List<string>(sentences.Count + 4);
        foreach (var sentence in sentences)
        {
            var rest = sentence.AsSpan();
            while (rest.Length > MaxSentenceChars)
            {
                var cut = rest[..(MaxSentenceChars + 1)].LastIndexOfAny(' ', '\t', '\n');
                if (cut < MaxSentenceChars / 2)
                {
                    cut = char.IsHighSurrogate(rest[MaxSentenceChars - 1]) ? MaxSentenceChars - 1 : MaxSentenceChars;
                }

                var piece = rest[..cut].Trim();
                if (piece.Length > 0)
                {
                    capped.Add(piece.ToString());
                }

                rest = rest[cut..].TrimStart();
            }

            if (rest.Length > 0)
            {
                capped.Add(rest.ToString());
            }
        }

        return capped;
    }

    private static bool EndsWithAbbreviation(string sentence)
    {
        if (sentence.Length == 0 || sentence[^1] != '.')
        {
            return false; // every abbreviation ends with a full stop
        }

        foreach (var abbreviation in Abbreviations)
        {
            if (sentence.EndsWith(abbreviation, StringComparison.Ordinal) &&
                (sentence.Length == abbreviation.Length || !char.IsLetter(sentence[^(abbreviation.Length + 1)])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Length of a run of closing quotes or brackets, followed by a space, at the start of <paramref name="sentence"/>.</summary>
    private static int LeadingClosingPunctuation(string sentence)
    {
        var i = 0;
        while (i < sentence.Length && sentence[i] is '”' or '’' or '"' or ')' or ']' or '»')
        {
            i++;
        }

        return i > 0 && i < sentence.Length && char.IsWhiteSpace(sentence[i]) ? i : 0;
    }
}
