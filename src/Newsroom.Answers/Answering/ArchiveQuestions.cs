using Newsroom.Answers.Indexing;
using Newsroom.Answers.Retrieval;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Answers.Answering;

/// <summary>
/// Routes a chat message: questions about the archive itself ("what articles do you have?",
/// "latest on Libya") are answered from article metadata; questions limited by date or source
/// ("what did we report in May 2025 about deportations?", "what did CBS News report about Libya?")
/// are answered by <see cref="QuestionAnswerer"/> on the articles the limit lets through; every
/// other message goes to <see cref="QuestionAnswerer"/> unchanged. Thread-safe.
/// </summary>
internal sealed partial class ArchiveQuestions
{
    /// <summary>Most headlines one listing shows.</summary>
    public const int MaxListed = 10;

    private readonly QuestionAnswerer _answerer;
    private readonly ArchiveListing _listing;
    private readonly AnswerOptions _options;
    private readonly TimeProvider _time;
    private SourcePhraseCache? _sourcePhrase;

    /// <summary>Routes questions to <paramref name="answerer"/> over <paramref name="index"/>; "last week" is relative to <paramref name="time"/>.</summary>
    public ArchiveQuestions(QuestionAnswerer answerer, ArticleIndex index, AnswerOptions options, TimeProvider? time = null)
    {
        _answerer = answerer;
        _listing = new ArchiveListing(index);
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Answers <paramref name="question"/>, whatever kind it is. Never throws for any text.</summary>
    public Answer Ask(string? question)
    {
        var text = (question ?? string.Empty).Trim();
        if (text.Length == 0 || text.Length > _options.MaxQuestionLength)
        {
            return _answerer.Ask(text);
        }

        var bare = text.TrimEnd('?', '!', '.', ' ');
        if (ListRequest().Match(bare) is { Success: true } list)
        {
            var (filter, rest) = Limits(list.Groups["rest"].Value, requireArchivePhrasing: false);
            var topic = AboutPrefix().Replace(rest, string.Empty).Trim();
            return topic.Length == 0 ? ListArticles(text, filter) : Latest(text, topic, filter);
        }

        if (LatestRequest().Match(bare) is { Success: true } latest)
        {
            var (filter, topic) = Limits(latest.Groups["topic"].Value, requireArchivePhrasing: false);
            return Latest(text, AboutPrefix().Replace(topic, string.Empty).Trim(), filter);
        }

        if (ReportRequest().Match(bare) is { Success: true } report)
        {
            var who = report.Groups["who"].Value.Trim();
            var source = Newsroom().IsMatch(who) ? null : KnownSource(who);
            if (source is null && !Newsroom().IsMatch(who))
            {
                // "What did the minister say about…" is an ordinary question, not one about our reporting.
                return _answerer.Ask(text);
            }

            var (filter, rest) = Limits(report.Groups["rest"].Value, requireArchivePhrasing: false);
            filter = filter with { Source = source ?? filter.Source };
            var topic = AboutPrefix().Replace(rest, string.Empty).Trim();
            return topic.Length == 0 ? ListArticles(text, filter) : Limited(text, topic, filter);
        }

        var (limits, remainder) = Limits(text, requireArchivePhrasing: true);
        return limits.IsEmpty ? _answerer.Ask(text) : Limited(text, remainder, limits);
    }

    /// <summary>
    /// The next page of a listing ("more" after "what articles do you have?" or "latest on Libya"):
    /// the next older articles, leaving out <paramref name="shownArticles"/> (the keys of the articles
    /// already listed), numbered after them. Not found when none are left.
    /// </summary>
    public Answer More(string question, AnswerScope scope, IReadOnlyCollection<string> shownArticles)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(shownArticles);
        return scope.Kind switch
        {
            ScopeKind.Articles => ListArticles(question, scope.Filter, shownArticles),
            ScopeKind.Latest => Latest(question, scope.Topic, scope.Filter, shownArticles),
            // The next page of a limited answer is the next best sentences: QuestionAnswerer.Ask with the cited ones.
            _ => throw new ArgumentException("Only a listing of articles has a next page of articles.", nameof(scope)),
        };
    }

    /// <summary>The newest articles (lead sentence of each) but those <paramref name="shown"/>, most recent first, at most <see cref="MaxListed"/>.</summary>
    private Answer ListArticles(string question, ArchiveFilter filter, IReadOnlyCollection<string>? shown = null)
    {
        shown ??= [];
        var (total, citations) = _listing.Newest(filter, MaxListed, shown);
        if (total == 0 || citations.Count == 0)
        {
            return Answer.Without(question, AnswerStatus.NotFound) with { Heading = filter.IsEmpty || total > 0 ? null : $"I have no articles {filter.Describe()}." };
        }

        var scope = new AnswerScope(string.Empty, filter) { Kind = ScopeKind.Articles };
        filter = filter.Named(citations);
        var limit = filter.IsEmpty ? string.Empty : " " + filter.Describe();
        var heading = shown.Count > 0
            ? $"Older articles{limit}, {shown.Count + 1}–{shown.Count + citations.Count} of {total:N0}:"
            : total <= MaxListed
                ? $"I have {Articles(total)}{limit}, most recent first:"
                : $"I have {Articles(total)}{limit}; the {MaxListed} most recent:";
        return new Answer(question, AnswerStatus.Answered, citations) { Heading = heading, Scope = scope };
    }

    /// <summary>The most recent articles about <paramref name="topic"/> but those <paramref name="shown"/>, each cited with its best sentence on it.</summary>
    private Answer Latest(string question, string topic, ArchiveFilter filter, IReadOnlyCollection<string>? shown = null)
    {
        shown ??= [];
        var scope = new AnswerScope(topic, filter) { Kind = ScopeKind.Latest };
        var topical = _answerer.Ask(topic, filter.ToLuceneFilter());
        if (topical.Status != AnswerStatus.Answered)
        {
            return topical with { Question = question };
        }

        // The topic's best sentences say which articles are about it; to rank those by date the
        // question is asked again within each candidate article, so every article is cited with
        // its own best sentence (and its highlights) by the same ranking as any answer.
        var articles = _listing.ArticlesAbout(topic, filter, Math.Max(_options.Candidates, 100));

        var citations = new List<Citation>();
        filter = filter.Named(topical.Citations);
        foreach (var (key, _) in articles.Where(article => !shown.Contains(article.Key)).OrderByDescending(article => article.Published).ThenBy(article => article.Key, StringComparer.Ordinal))
        {
            if (_answerer.Ask(topic, filter.WithinArticle(key)).Citations is [var best, ..])
            {
                citations.Add(best with { Number = shown.Count + citations.Count + 1 });
            }

            if (citations.Count == _options.MaxCitations)
            {
                break;
            }
        }

        return citations.Count == 0
            ? Answer.Without(question, AnswerStatus.NotFound)
            : new Answer(question, AnswerStatus.Answered, citations)
            {
                Heading = $"{(shown.Count == 0 ? "The latest" : "Older reporting")} on {topic}{(filter.IsEmpty ? string.Empty : " " + filter.Describe())}, most recent first:",
                Scope = scope,
            };
    }

    /// <summary>An ordinary answer on the articles <paramref name="filter"/> lets through.</summary>
    private Answer Limited(string question, string topic, ArchiveFilter filter)
    {
        var answer = _answerer.Ask(topic, filter.ToLuceneFilter()) with { Question = question, Scope = new AnswerScope(topic, filter) };
        filter = filter.Named(answer.Citations);
        return answer.Status switch
        {
            AnswerStatus.Answered => answer with { Heading = $"Here is what we reported {filter.Describe()}:" },
            AnswerStatus.NotFound => answer with { Heading = $"I couldn't find that in the reporting {filter.Describe()}." },
            _ => answer,
        };
    }

    /// <summary>The date and source limits in <paramref name="text"/>, and the text without them.</summary>
    private (ArchiveFilter Filter, string Remainder) Limits(string text, bool requireArchivePhrasing)
    {
        DateRange? dates = null;
        // In an ordinary question a date is usually when something happened ("what happens in
        // June 2026?", "what has troubled Libya since 2011?"), not when we published: there only a
        // recent period ("last week", "yesterday") limits by date, and "since…" only when the
        // question is about our coverage ("any stories since Monday?").
        if (DatePhrases.Find(text, _time.GetUtcNow()) is { } found
            && (!requireArchivePhrasing || RecentPeriod().IsMatch(text) || (Since().IsMatch(text) && Coverage().IsMatch(text))))
        {
            dates = found.Range;
            text = found.Remainder;
        }

        string? source = null;
        if (SourcePhrase() is { } phrase && phrase.Match(text) is { Success: true } match)
        {
            source = SentenceFields.SourceKeyOf(match.Groups["source"].Value);
            text = text.Remove(match.Index, match.Length).Trim();
        }

        return (new ArchiveFilter(dates, source), text.Trim().TrimEnd('?', '.', ',').Trim());
    }

    /// <summary>Every source in the index, lower case, longest first (so "CBS News Radio" wins over "CBS News"); the same list object while the index is unchanged.</summary>
    private List<string> Sources() => _listing.Sources();

    /// <summary>The source as indexed when <paramref name="name"/> names one ("CBS News", "cbs"), else null.</summary>
    private string? KnownSource(string name)
    {
        var key = SentenceFields.SourceKeyOf(name.Trim());
        return Sources().FirstOrDefault(source => source == key)
            ?? Sources().FirstOrDefault(source => source.StartsWith(key + " ", StringComparison.Ordinal));
    }

    /// <summary>
    /// "according to|from|in|by|per [the] &lt;a known source&gt;", built once per index snapshot
    /// (sources change only when articles do), so an ordinary question pays one regex match.
    /// </summary>
    private Regex? SourcePhrase()
    {
        var sources = Sources();
        var cached = Volatile.Read(ref _sourcePhrase);
        if (cached is not null && ReferenceEquals(cached.Sources, sources))
        {
            return cached.Phrase;
        }

        var phrase = sources.Count == 0
            ? null
            : new Regex($@"\b(?:according\s+to|from|in|by|per)\s+(?:the\s+)?(?<source>{string.Join('|', sources.Select(s => Regex.Escape(s).Replace(@"\ ", @"\s+", StringComparison.Ordinal)))})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        Volatile.Write(ref _sourcePhrase, new SourcePhraseCache(sources, phrase));
        return phrase;
    }

    private sealed record SourcePhraseCache(List<string> Sources, Regex? Phrase);

    private static string Articles(int count) => count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " article" : " articles");

    // "what articles do you have", "which stories are there from May 2025", "list your articles", "show me the articles about Libya"
    [GeneratedRegex(@"^(?:(?:so\s+)?(?:what|which)\s+(?:articles|stories|reports|news)\s+(?:do\s+you\s+have|have\s+you\s+got|are\s+there|are\s+in\s+the\s+archive|do\s+you\s+know(?:\s+of)?|can\s+you\s+search|have\s+we\s+(?:published|written))|(?:list|show)(?:\s+me)?(?:\s+(?:the|all|your))?\s+(?:articles|stories))\b(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ListRequest();

    // "latest on Libya", "what's the latest news about Libya", "most recent stories on deportations"
    [GeneratedRegex(@"^(?:(?:what(?:'s|’s|\s+is|\s+are)\s+)?(?:the\s+)?(?:latest|newest|most\s+recent|recent)(?:\s+(?:news|stories|articles|reporting|reports|updates?))?\s+(?:on|about|regarding|concerning|in)\s+)(?<topic>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LatestRequest();

    // "what did we report in May 2025 about deportations", "what has CBS News written about Libya"
    [GeneratedRegex(@"^what\s+(?:did|has|have)\s+(?<who>.+?)\s+(?:report|reported|write|written|wrote|publish|published|say|said|cover|covered)\b(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportRequest();

    [GeneratedRegex(@"^(?:we|you|the\s+newsroom|our\s+reporters|our\s+newsroom|this\s+newsroom)$", RegexOptions.IgnoreCase)]
    private static partial Regex Newsroom();

    [GeneratedRegex(@"^\s*(?:about|on|regarding|concerning|of)\b\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AboutPrefix();

    [GeneratedRegex(@"\b(?:last|this|past)\s+(?:\d+\s+)?(?:days?|weeks?|months?|years?)\b|\byesterday\b|\btoday\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecentPeriod();

    [GeneratedRegex(@"\bsince\b", RegexOptions.IgnoreCase)]
    private static partial Regex Since();

    // Words that make a question about the reporting itself, not about events.
    [GeneratedRegex(@"\b(?:news|stor(?:y|ies)|articles?|reports?|reported|reporting|coverage|covered|published|wrote|written|updates?|headlines?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Coverage();
}
