using Newsroom.Answers.Answering;
using Newtonsoft.Json;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// What the bot remembers of one conversation between turns, kept in Bot Framework's
/// ConversationState (so in whatever IStorage the host registers). It is serialised as JSON by
/// the storage, hence a plain class with settable properties; it holds ids and the little text
/// feedback needs, never whole articles, so it stays small in a shared store.
/// </summary>
public sealed class ConversationMemory
{
    /// <summary>How many answers are remembered for feedback: thumbs on an older answer still find its question.</summary>
    public const int AnswersKept = 20;

    /// <summary>
    /// The question the thread is about, as the user first asked it: "and Rwanda?" is read
    /// against this, so a second "and Benin?" does not pile onto the first follow-up.
    /// </summary>
    public string? Topic { get; set; }

    /// <summary>The id of the thread (a question and its "more" pages and follow-ups), carried by the answers given in it.</summary>
    public string? ThreadId { get; set; }

    /// <summary>The question last answered (after reading a follow-up): "more" continues it.</summary>
    public string? Question { get; set; }

    /// <summary>
    /// The last question asked in full (a new question, or "and Rwanda?" read against the topic):
    /// "when?" and "who said that?" replace its question word, so a second one does not pile onto the first.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>
    /// When <see cref="Question"/> was limited by date or source ("what did we report in May 2025
    /// about deportations?"): what was searched for and within which articles, so "more" pages
    /// through the same articles. The dates are kept as resolved when the question was asked, so
    /// "last week" still means the same week on the next page. Null for an ordinary question.
    /// </summary>
    public ThreadLimit? Limit { get; set; }

    /// <summary>The analysed terms of <see cref="Question"/>, as the library read them.</summary>
    public List<string> Terms { get; set; } = [];

    /// <summary>Every sentence cited for <see cref="Question"/> so far, in order: "more" skips these, "context 2" finds number 2 here.</summary>
    public List<ShownCitation> Shown { get; set; } = [];

    /// <summary>How far into the ranked list the thread has gone (the next citation's number is <c>Offset + 1</c>).</summary>
    public int Offset { get; set; }

    /// <summary>The number of the first citation of the last reply: what "context" and "source" without a number refer to.</summary>
    public int LastReplyFirst { get; set; }

    /// <summary>True when "more" found nothing left, so the answer is not asked again.</summary>
    public bool Exhausted { get; set; }

    /// <summary>The last answers given (newest last), for thumbs up / down.</summary>
    public List<GivenAnswer> Answers { get; set; } = [];

    /// <summary>
    /// A hash of the channel's id and the text of the last message whose turn saved this state: the
    /// same message delivered again (a load balancer resending it after the instance that took it
    /// died, a channel retrying) is recognised by it. A hash, not the text: the state of every
    /// conversation stays small whatever people send.
    /// </summary>
    public string? LastMessage { get; set; }

    /// <summary>The thread as it was before <see cref="LastMessage"/>, so a redelivered message is answered as if it came once.</summary>
    public ThreadSnapshot? BeforeLastMessage { get; set; }

    /// <summary>True when there is an answer to follow up on.</summary>
    [JsonIgnore]
    public bool HasThread => Question is not null && Shown.Count > 0;

    /// <summary>The citations of the last reply.</summary>
    [JsonIgnore]
    public IEnumerable<ShownCitation> LastReply => Shown.Where(c => c.Number >= LastReplyFirst);

    /// <summary>
    /// Called before a message is read. When it is the same message as the last one (same channel
    /// id, same text), the previous delivery's turn may already have moved the thread on (and its
    /// reply may never have arrived): the thread goes back to where it was before that turn, so
    /// the reply is the same. Returns true for a redelivered message.
    /// </summary>
    public bool BeginMessage(string? id, string text)
    {
        var key = id is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}\n{text}")));
        var redelivered = key is not null && key == LastMessage && BeforeLastMessage is not null;
        if (redelivered)
        {
            BeforeLastMessage!.RestoreTo(this);
        }

        LastMessage = key;
        BeforeLastMessage = key is null ? null : ThreadSnapshot.Of(this);
        return redelivered;
    }

    /// <summary>Starts a new thread with <paramref name="answer"/>, a fresh answer to <paramref name="question"/>.</summary>
    public void Start(string topic, string question, IReadOnlyList<string> terms, Answer answer, string? subject = null)
    {
        Subject = subject ?? question;
        ThreadId = Guid.NewGuid().ToString("N")[..12];
        Topic = topic;
        Question = question;
        Limit = answer.Scope is { } scope ? ThreadLimit.Of(scope) : null;
        Terms = [.. terms];
        Shown = [];
        Exhausted = false;
        Continue(answer);
    }

    /// <summary>Adds the next page of the same question's answer.</summary>
    public void Continue(Answer answer)
    {
        var cited = answer.Citations.Select(ShownCitation.From).ToList();
        Shown.AddRange(cited);
        Offset = Shown.Count;
        LastReplyFirst = cited.Count > 0 ? cited[0].Number : LastReplyFirst;
    }

    /// <summary>Forgets the thread (a new question the reporting does not answer).</summary>
    public void Forget()
    {
        ThreadId = null;
        Topic = null;
        Subject = null;
        Question = null;
        Limit = null;
        Terms = [];
        Shown = [];
        Offset = 0;
        LastReplyFirst = 0;
        Exhausted = false;
    }

    /// <summary>Remembers an answer given, for feedback; returns its id.</summary>
    public GivenAnswer Remember(Answer answer)
    {
        var given = new GivenAnswer(Guid.NewGuid().ToString("N")[..12], null, answer.Question, answer.Citations.Select(ShownCitation.From).ToList())
        {
            Thread = ThreadId,
            Topic = Topic,
            ThreadQuestion = Question,
            Limit = Limit,
        };
        Answers.Add(given);
        if (Answers.Count > AnswersKept)
        {
            Answers.RemoveRange(0, Answers.Count - AnswersKept);
        }

        return given;
    }

    /// <summary>The answer a button names, when it is still remembered.</summary>
    public GivenAnswer? Answer(string answerId) => Answers.LastOrDefault(a => a.Id == answerId);

    /// <summary>
    /// Makes the thread of <paramref name="given"/> the conversation's thread again, so "More" on an
    /// older answer continues that answer's question, not the latest one: its question, limit and
    /// every sentence its thread's remembered answers cited (which the next page skips). Nothing
    /// changes when it is the current thread. <paramref name="terms"/> analyses a question.
    /// Returns false when the answer does not say which thread it was (state saved by an older version).
    /// </summary>
    public bool Resume(GivenAnswer given, Func<string, IReadOnlyList<string>> terms)
    {
        if (given.Thread is null || given.ThreadQuestion is null)
        {
            return false;
        }

        if (given.Thread == ThreadId && HasThread)
        {
            return true;
        }

        var thread = Answers.Where(a => a.Thread == given.Thread).ToList();
        ThreadId = given.Thread;
        Topic = thread[^1].Topic ?? given.ThreadQuestion;
        Question = thread[^1].ThreadQuestion ?? given.ThreadQuestion;
        Subject = Question;
        Limit = thread[^1].Limit;
        Terms = [.. terms(Question)];
        Shown = thread.SelectMany(a => a.Citations).DistinctBy(c => c.Number).OrderBy(c => c.Number).ToList();
        Offset = Shown.Count;
        LastReplyFirst = thread[^1].Citations.Count > 0 ? thread[^1].Citations[0].Number : 1;
        Exhausted = false;
        return true;
    }

    /// <summary>Notes the channel's id for the message that carried answer <paramref name="answerId"/> (Teams' feedback refers to it).</summary>
    public void SentAs(string answerId, string? messageId)
    {
        var index = Answers.FindIndex(a => a.Id == answerId);
        if (index >= 0 && !string.IsNullOrEmpty(messageId))
        {
            Answers[index] = Answers[index] with { MessageId = messageId };
        }
    }

    /// <summary>
    /// The answer feedback is about: by our id (card buttons), else by the channel's message id
    /// (Teams' feedback loop). Only when neither can tell, because the vote names nothing or the
    /// channel never returned message ids, is it the latest answer; a vote that names an answer
    /// no longer remembered is not pinned on another one.
    /// </summary>
    public GivenAnswer? FindAnswer(string? answerId, string? messageId)
    {
        if (answerId is not null)
        {
            return Answers.LastOrDefault(a => a.Id == answerId);
        }

        if (messageId is not null && Answers.Any(a => a.MessageId is not null))
        {
            return Answers.LastOrDefault(a => a.MessageId == messageId);
        }

        return Answers.LastOrDefault();
    }
}
