using System.Text.RegularExpressions;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Answer-type cues: a sentence that answers "when" holds a date, one that answers "how many"
/// holds a number, one that answers "who" or "where" names someone or somewhere the question
/// does not already name. A sentence that only repeats the question's words has none of these,
/// which is what lets the cue break ties between it and the sentence that actually answers.
/// </summary>
internal static partial class AnswerCue
{
    /// <summary>The kind of answer <paramref name="question"/> asks for.</summary>
    public static AnswerKind KindOf(string question)
    {
        var text = question.ToLowerInvariant();
        if (TimeQuestion().IsMatch(text))
        {
            return AnswerKind.Time;
        }

        if (QuantityQuestion().IsMatch(text))
        {
            return AnswerKind.Quantity;
        }

        return NameQuestion().IsMatch(text) ? AnswerKind.Name : AnswerKind.Unknown;
    }

    /// <summary>
    /// True when <paramref name="sentence"/> holds something of <paramref name="kind"/> that the
    /// question itself does not contain (its words, lower-cased, are <paramref name="questionWords"/>).
    /// </summary>
    public static bool Holds(AnswerKind kind, string sentence, HashSet<string> questionWords) => kind switch
    {
        AnswerKind.Time => Matches(TimeWords(), sentence, questionWords),
        AnswerKind.Quantity => Matches(QuantityWords(), sentence, questionWords),
        AnswerKind.Name => Matches(CapitalisedWord(), sentence, questionWords, skipFirstWord: true),
        _ => false,
    };

    /// <summary>
    /// The question without the words that only frame it: "how many", "what year", "the name of",
    /// "involved in". They say what kind of answer is wanted (see <see cref="KindOf"/>) or that two
    /// things are related, not what it is about: the sentence that answers "What year did…" holds a
    /// year, not the word "year", and the one that answers "Is the military involved in removing
    /// people?" says what the military does, seldom the word "involved".
    /// </summary>
    public static string TopicOf(string question) => Frame().Replace(question, " ");

    /// <summary>The question's words, lower-cased, for <see cref="Holds"/>.</summary>
    public static HashSet<string> WordsOf(string question) =>
        Word().Matches(question).Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    private static bool Matches(Regex pattern, string sentence, HashSet<string> questionWords, bool skipFirstWord = false)
    {
        foreach (Match match in pattern.Matches(sentence))
        {
            if (skipFirstWord && match.Index == FirstWordStart(sentence))
            {
                continue; // every sentence starts with a capital: that says nothing about names
            }

            if (!questionWords.Contains(match.Value.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstWordStart(string sentence)
    {
        var i = 0;
        while (i < sentence.Length && !char.IsLetterOrDigit(sentence[i]))
        {
            i++;
        }

        return i;
    }

    [GeneratedRegex(@"\b(?<=\b(how|what|which)\s+)(many|much|long|large|big|old|far|high|tall|wide|deep|often|year|years|date|day|month|century|decade|percent|percentage|number|amount|proportion|kind|type|sort|name|names)\b(\s+of\b)?|\b(the\s+)?(name|names|term|title)\s+of\b|\b(is|was|are|were)\s+(called|named|known\s+as)\b|\binvolved\s+(in|with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Frame();

    [GeneratedRegex(@"\bwhen\b|\b(what|which|in what|in which)\s+(year|years|date|day|month|century|decade|time|era|period)\b|\bhow long ago\b|\bwhat age\b")]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"\bhow\s+(many|much|long|large|big|old|far|high|tall|wide|deep|often|fast)\b|\bwhat\s+(percent|percentage|number|amount|proportion|fraction|share|size)\b")]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"^\s*(who|whom|whose|where)\b|\b(who|whom|whose|where)\s+(is|was|were|are|did|does|do|has|had|can|could|would|will)\b|\b(what|which)\s+(city|country|state|town|company|team|person|people|university|organization|group|river|region|place|nation|county|province|island|church|party|president|king|leader|name|language|club|school|band|player|nationality|religion|dynasty|empire|author|writer|composer|scientist|inventor|researcher|station|network|channel|film|movie|book|newspaper|magazine|stadium|general|emperor|pope|architect|artist|poet|philosopher)\b")]
    private static partial Regex NameQuestion();

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2})s?\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b|\bcentur(y|ies)\b|\b(BC|AD|BCE|CE)\b|\b\d+(st|nd|rd|th)\b|\bdecades?\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeWords();

    // A year ("in 2015") is when something happened, not how many: it is left to the time cue.
    [GeneratedRegex(@"\b(?!(1[0-9]{3}|20[0-9]{2})s?\b)\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|percent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityWords();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{M}'’-]+")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}'’-]+")]
    private static partial Regex Word();
}
