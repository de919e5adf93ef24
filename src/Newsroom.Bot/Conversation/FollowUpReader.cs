using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// Tells follow-ups from new questions, conservatively: a message is only read against the
/// previous question when it is short and cannot stand on its own (it starts with "and",
/// "what about", "how about", or is a bare question word with at most a few words like "that",
/// "said", "was"). Anything else is a question of its own, because answering a new question as
/// if it were about the old topic would quote the wrong reporting, which is worse than asking the
/// user to say a little more.
/// </summary>
public static partial class FollowUpReader
{
    /// <summary>Longest follow-up (in words after "and" / "what about") still read against the previous question.</summary>
    public const int MaxTopicWords = 6;

    private static readonly HashSet<string> VagueWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "this", "it", "those", "these", "they", "them", "he", "she", "there", "then", "so", "again", "exactly",
        "said", "say", "says", "was", "is", "were", "are", "did", "does", "do", "happen", "happened", "the", "one", "ones", "of",
    };

    private static readonly HashSet<string> ReportingVerbs = new(StringComparer.OrdinalIgnoreCase) { "said", "say", "says" };

    /// <summary>Reads <paramref name="text"/>; <paramref name="memory"/> says whether there is a previous question to follow up.</summary>
    public static FollowUp Read(string text, ConversationMemory memory)
    {
        var message = Normalise(text);
        if (message.Length == 0)
        {
            return new FollowUp(FollowUpKind.Question);
        }

        if (Vote().Match(message) is { Success: true } vote)
        {
            return new FollowUp(FollowUpKind.Vote, Reaction: vote.Groups["up"].Success ? "like" : "dislike");
        }

        if (More().IsMatch(message))
        {
            return new FollowUp(FollowUpKind.More);
        }

        if (Context().Match(message) is { Success: true } context)
        {
            return new FollowUp(FollowUpKind.Context, Number(context));
        }

        if (Source().Match(message) is { Success: true } source)
        {
            return new FollowUp(FollowUpKind.Source, Number(source));
        }

        if (memory.Topic is null || memory.Question is null)
        {
            return new FollowUp(FollowUpKind.Question);
        }

        if (AndAbout().Match(message) is { Success: true } about && WordCount(about.Groups["rest"].Value) <= MaxTopicWords)
        {
            // "and Rwanda?" adds to the topic the thread started with, not to the last follow-up:
            // "and Benin?" after it is about Benin, not about Rwanda and Benin.
            var question = $"{WithoutEnd(memory.Topic)}, {char.ToLowerInvariant(message[0])}{WithoutEnd(message)[1..]}?";
            return new FollowUp(FollowUpKind.Topic, Question: question);
        }

        if (BareQuestion().Match(message) is { Success: true } bare &&
            bare.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var rest &&
            rest.Length <= 4 && rest.All(VagueWords.Contains))
        {
            // "when?" / "who said that?" ask about what was last asked in full (not about an earlier
            // "when?"): its question word is replaced, so follow-ups never pile up.
            var asked = bare.Groups["wh"].Value.ToLowerInvariant();
            var verb = rest.FirstOrDefault(ReportingVerbs.Contains)?.ToLowerInvariant();
            return new FollowUp(FollowUpKind.Topic, Question: Rephrase(memory.Subject ?? memory.Question, verb is null ? asked : $"{asked} {verb}", keepAuxiliary: verb is null), KeepsSubject: true);
        }

        return new FollowUp(FollowUpKind.Question);
    }

    /// <summary>
    /// <paramref name="subject"/> with its question word replaced by <paramref name="asked"/>:
    /// "Where did the storm make landfall?" read with "when" is "When did the storm make landfall?",
    /// with "who said" "Who said the storm make landfall?". A question that does not start with a
    /// question word and an auxiliary ("Which ports joined the strike?") loses its question word
    /// ("When ports joined the strike?"); one with no question word is put after a colon.
    /// </summary>
    internal static string Rephrase(string subject, string asked, bool keepAuxiliary = true)
    {
        var question = WithoutEnd(subject);
        var lead = CultureInfo.InvariantCulture.TextInfo.ToUpper(asked[0]) + asked[1..];
        if (Inverted().Match(question) is { Success: true } inverted)
        {
            var auxiliary = keepAuxiliary ? inverted.Groups["aux"].Value.ToLowerInvariant() + " " : string.Empty;
            return $"{lead} {auxiliary}{inverted.Groups["rest"].Value}?";
        }

        if (LeadingQuestionWord().Match(question) is { Success: true } led && led.Length < question.Length)
        {
            return $"{lead} {question[led.Length..].TrimStart()}?";
        }

        return $"{lead}: {question}?";
    }

    private static string Normalise(string text) =>
        Whitespace().Replace(text.Replace('’', '\'').Trim(), " ");

    private static string WithoutEnd(string text) => text.TrimEnd('?', '.', '!', ' ', ',');

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int? Number(Match match) =>
        match.Groups["n"].Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A thumb may carry a skin tone (a surrogate pair U+1F3FB–U+1F3FF) or an emoji variation selector.
    [GeneratedRegex(@"^(?:(?<up>👍|\+1|thumbs up)|👎|-1|thumbs down)(?:\uD83C[\uDFFB-\uDFFF]|\uFE0F)*[.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Vote();

    [GeneratedRegex(@"^(?:(?:show |tell |give )?(?:me )?more(?: please)?|next|anything else|what else)[.!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex More();

    [GeneratedRegex(
        @"^(?:(?:show |give |what'?s |what is )?(?:me )?(?:the )?(?:more )?(?:context|(?:surrounding |full |whole )?paragraph))" +
        @"(?:\s+(?:of |for |to |around )?(?:citation |quote |number |sentence |no\.? ?|#)?(?<n>\d{1,3}))?[.!?]*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Context();

    [GeneratedRegex(
        @"^(?:(?:which|what) (?:article|story)(?: is (?:that|this|it) from)?|(?:what'?s |what is |what are )?(?:the )?sources?|where (?:is|was|does) (?:that|this|it) (?:from|come from))" +
        @"(?:\s+(?:of |for )?(?:citation |quote |number |no\.? ?|#)?(?<n>\d{1,3}))?[.!?]*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Source();

    [GeneratedRegex(@"^(?:and|what about|how about)\s+(?<rest>[^?]+?)[.!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex AndAbout();

    [GeneratedRegex(@"^(?<wh>when|where|who|whom|why|how many|how much|how|which)(?:\s+(?<rest>[^?]*?))?[.!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareQuestion();

    private const string QuestionWord = @"(?:how (?:many|much|long|often|far)|what|which|when|where|who|whom|whose|why|how)";

    private const string Auxiliary = @"(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should)";

    // "Where did …", "Which countries did …", "What year was …", "Did …": the question word (with up
    // to two words, "which countries") and the auxiliary that follows it.
    [GeneratedRegex(@"^(?:" + QuestionWord + @"(?:\s+[\w.'-]+){0,2}?\s+)?(?<aux>" + Auxiliary + @")\s+(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Inverted();

    [GeneratedRegex(@"^" + QuestionWord + @"\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingQuestionWord();
}
