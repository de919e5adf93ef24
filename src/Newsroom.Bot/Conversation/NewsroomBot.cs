using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newsroom.Answers;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Channels.Teams;
using Newsroom.Bot.Composition;
using Newsroom.Bot.Feedback;
using System.Text.RegularExpressions;
using ChannelIds = Microsoft.Bot.Connector.Channels;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// The newsroom bot: welcomes people, explains itself on "help", answers questions with cited
/// sentences from the reporting (or says it couldn't find them), and carries the thread: "more",
/// "context 2", "source", short follow-ups like "and Rwanda?", and thumbs up / down on answers.
/// No dialogs are needed: what a follow-up refers to is kept in <see cref="ConversationMemory"/>
/// in ConversationState, saved at the end of every turn, so it survives a restart (or another
/// instance answering) whenever the registered IStorage is a shared one.
/// </summary>
public sealed partial class NewsroomBot(
    NewsroomArchive archive,
    ReplyRenderer renderer,
    AnswerActions actions,
    ConversationState conversationState,
    FeedbackLog feedback,
    UnansweredLog unanswered,
    IOptions<AnswerOptions> answerOptions,
    IOptions<BotOptions> botOptions,
    ILogger<NewsroomBot> logger) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));

    /// <inheritdoc />
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        // After the replies went out: a turn that failed before here keeps the previous state.
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Teams greets on installationUpdate instead (below): its conversationUpdate lists only the
        // bot for a personal install, and every person who joins a team, who must not each get a
        // message in the team's channel.
        if (turnContext.Activity.ChannelId == ChannelIds.Msteams)
        {
            return;
        }

        // The Emulator and Web Chat: once when people open the conversation; the bot joining its own
        // conversation is not a reason to greet. One welcome however many joined at once: it names
        // nobody, and a conversationUpdate listing thousands of members must not make thousands.
        if (membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            logger.LogInformation("Welcoming {Count} new member(s) to conversation {ConversationId}", membersAdded.Count, turnContext.Activity.Conversation?.Id);
            await turnContext.SendActivityAsync(Markdown(Welcome()), cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // The SDK routes "add-upgrade" (a new version of an installed app) here too: greet only a new install.
        if (!string.Equals(turnContext.Activity.Action, "add", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var conversationType = turnContext.Activity.Conversation?.ConversationType;
        logger.LogInformation("Installed in a {ConversationType} conversation {ConversationId}: welcoming", conversationType, turnContext.Activity.Conversation?.Id);
        var welcome = Welcome();
        if (conversationType is "channel" or "groupChat")
        {
            // Teams passes on only the messages that @mention the bot there.
            var name = turnContext.Activity.Recipient?.Name is { Length: > 0 } botName ? botName : "Newsroom";
            welcome += $"\n\nHere, @mention me with your question: *@{ReplyRenderer.Escape(name)} {ReplyRenderer.Escape(ExampleQuestion())}*";
        }

        await turnContext.SendActivityAsync(Markdown(welcome), cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(turnContext, () => new ConversationMemory(), cancellationToken);
        if (memory.BeginMessage(turnContext.Activity.Id, turnContext.Activity.Text ?? string.Empty))
        {
            turnContext.TurnState.Add(RedeliveredKey, (object)true); // answered again, but not counted again among the unanswered questions
            logger.LogInformation("Message {ActivityId} of conversation {ConversationId} was delivered again: answering it from the thread as it was before its first delivery",
                turnContext.Activity.Id, turnContext.Activity.Conversation?.Id);
        }

        if (AnswerActions.ReadCardVote(turnContext.Activity.Value) is { } cardVote)
        {
            await RecordVoteAsync(turnContext, memory, cardVote, cancellationToken);
            return;
        }

        var text = MentionText.Question(turnContext.Activity);
        if (HelpRequest().IsMatch(text))
        {
            await turnContext.SendActivityAsync(Markdown(Help()), cancellationToken);
            return;
        }

        if (Rebuilding)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(RebuildingMessage), cancellationToken);
            return;
        }

        if (AnswerActions.ReadCardRequest(turnContext.Activity.Value) is { } request)
        {
            await ActOnAnswerAsync(turnContext, memory, request, cancellationToken);
            return;
        }

        var followUp = FollowUpReader.Read(text, memory);
        switch (followUp.Kind)
        {
            case FollowUpKind.More:
                await MoreAsync(turnContext, memory, cancellationToken);
                break;
            case FollowUpKind.Context:
                await ContextAsync(turnContext, memory, followUp.Number, cancellationToken);
                break;
            case FollowUpKind.Source:
                await SourceAsync(turnContext, memory, followUp.Number, cancellationToken);
                break;
            case FollowUpKind.Vote:
                await RecordVoteAsync(turnContext, memory, new Vote(followUp.Reaction!, null, null), cancellationToken);
                break;
            case FollowUpKind.Topic:
                await AnswerAsync(turnContext, memory, followUp.Question!, isFollowUp: true, cancellationToken, followUp.KeepsSubject ? memory.Subject : null);
                break;
            default:
                await AnswerAsync(turnContext, memory, text, isFollowUp: false, cancellationToken);
                break;
        }
    }

    /// <inheritdoc />
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (TeamsFeedbackLoop.ReadInvoke(turnContext.Activity) is not { } vote)
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }

        // Teams shows its own thanks; the invoke only needs its 200, and no message is sent.
        var memory = await _memory.GetAsync(turnContext, () => new ConversationMemory(), cancellationToken);
        await RecordAsync(turnContext, memory, vote);
        return new InvokeResponse { Status = 200 };
    }

    private async Task AnswerAsync(ITurnContext turnContext, ConversationMemory memory, string question, bool isFollowUp, CancellationToken cancellationToken, string? subject = null)
    {
        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var answer = archive.Ask(question);
        logger.LogInformation("Answered a {Length}-character {Kind}: {Status} with {Citations} citations",
            question.Length, isFollowUp ? "follow-up" : "question", answer.Status, answer.Citations.Count);
        var reply = renderer.Render(answer, ExampleQuestion(), answerOptions.Value.MaxQuestionLength, turnContext.Activity.ChannelId);
        if (isFollowUp)
        {
            reply.Text = $"Taking that as: *{ReplyRenderer.Escape(question)}*\n\n{reply.Text}";
        }

        if (answer.Status == AnswerStatus.NotFound && !turnContext.TurnState.ContainsKey(RedeliveredKey))
        {
            await unanswered.RecordAsync(question, turnContext.Activity.ChannelId);
        }

        if (answer.Status != AnswerStatus.Answered)
        {
            if (!isFollowUp)
            {
                memory.Forget(); // "more" after an unanswered new question must not continue an older one
            }

            await turnContext.SendActivityAsync(reply, cancellationToken);
            return;
        }

        memory.Start(isFollowUp ? memory.Topic ?? question : question, question, archive.Terms(question), answer, subject);
        await SendAnswerAsync(turnContext, memory, answer, reply, cancellationToken);
    }

    private async Task MoreAsync(ITurnContext turnContext, ConversationMemory memory, CancellationToken cancellationToken)
    {
        if (!memory.HasThread)
        {
            await turnContext.SendActivityAsync(Markdown(FollowUpReplies.NothingYet), cancellationToken);
            return;
        }

        // A limited question ("… in May 2025 about deportations") continues within the same articles;
        // a listing ("latest on Libya", "what articles do you have?") with the next older articles.
        var answer = memory.Exhausted
            ? null
            : archive.More(memory.Question!, memory.Limit?.ToScope(), memory.Shown.Select(c => c.Cited));
        if (answer is not { Status: AnswerStatus.Answered })
        {
            memory.Exhausted = true;
            await turnContext.SendActivityAsync(Markdown(FollowUpReplies.NoMore), cancellationToken);
            return;
        }

        memory.Continue(answer);
        var reply = renderer.Render(answer, ExampleQuestion(), answerOptions.Value.MaxQuestionLength, turnContext.Activity.ChannelId);
        reply.Text = $"More on *{ReplyRenderer.Escape(memory.Question!)}*\n\n{reply.Text}";
        await SendAnswerAsync(turnContext, memory, answer, reply, cancellationToken, continuation: true);
    }

    private async Task SendAnswerAsync(ITurnContext turnContext, ConversationMemory memory, Answer answer, IMessageActivity reply, CancellationToken cancellationToken, bool continuation = false)
    {
        var given = memory.Remember(answer);
        actions.Attach(reply, answer, given.Id, turnContext.Activity.ChannelId, continuation);
        var sent = await turnContext.SendActivityAsync(reply, cancellationToken);
        memory.SentAs(given.Id, sent?.Id);
    }

    /// <summary>A "More" or "Context" button: acts on the answer it is under, whichever answer is the latest.</summary>
    private async Task ActOnAnswerAsync(ITurnContext turnContext, ConversationMemory memory, CardRequest request, CancellationToken cancellationToken)
    {
        if (memory.Answer(request.AnswerId) is not { } given)
        {
            logger.LogInformation("A {Kind} button in conversation {ConversationId} names an answer this conversation no longer remembers", request.Kind, turnContext.Activity.Conversation?.Id);
            await turnContext.SendActivityAsync(Markdown(FollowUpReplies.AnswerForgotten), cancellationToken);
            return;
        }

        if (request.Kind == FollowUpKind.Context)
        {
            if (given.Citations.FirstOrDefault(c => c.Number == request.Citation) is not { } quote)
            {
                await turnContext.SendActivityAsync(Markdown(FollowUpReplies.NoSuchQuote(request.Citation ?? 0, memory.Shown.Count)), cancellationToken);
                return;
            }

            await ParagraphAsync(turnContext, quote, cancellationToken);
            return;
        }

        // "More" under an older answer continues that answer's question; under the latest, the thread as it is.
        memory.Resume(given, question => archive.Terms(question));
        await MoreAsync(turnContext, memory, cancellationToken);
    }

    private async Task ContextAsync(ITurnContext turnContext, ConversationMemory memory, int? number, CancellationToken cancellationToken)
    {
        if (FindQuote(memory, number, out var problem) is not { } quote)
        {
            await turnContext.SendActivityAsync(Markdown(problem), cancellationToken);
            return;
        }

        await ParagraphAsync(turnContext, quote, cancellationToken);
    }

    private async Task ParagraphAsync(ITurnContext turnContext, ShownCitation quote, CancellationToken cancellationToken)
    {
        var paragraph = archive.Paragraph(quote.ArticleKey, quote.Paragraph);
        await turnContext.SendActivityAsync(
            Markdown(paragraph is null ? FollowUpReplies.GoneFromIndex : FollowUpReplies.Paragraph(paragraph, quote)),
            cancellationToken);
    }

    private async Task SourceAsync(ITurnContext turnContext, ConversationMemory memory, int? number, CancellationToken cancellationToken)
    {
        IEnumerable<ShownCitation> quotes;
        if (number is null)
        {
            quotes = memory.LastReply;
        }
        else if (FindQuote(memory, number, out var problem) is { } quote)
        {
            quotes = [quote];
        }
        else
        {
            await turnContext.SendActivityAsync(Markdown(problem), cancellationToken);
            return;
        }

        var sources = quotes
            .GroupBy(q => q.ArticleKey, StringComparer.Ordinal)
            .Select(group => (Article: archive.Source(group.Key), Quotes: (IReadOnlyList<int>)group.Select(q => q.Number).ToList()))
            .Where(s => s.Article is not null)
            .Select(s => (s.Article!, s.Quotes))
            .ToList();
        await turnContext.SendActivityAsync(
            Markdown(sources.Count == 0 ? (memory.HasThread ? FollowUpReplies.GoneFromIndex : FollowUpReplies.NothingYet) : FollowUpReplies.Sources(sources)),
            cancellationToken);
    }

    private static ShownCitation? FindQuote(ConversationMemory memory, int? number, out string problem)
    {
        problem = FollowUpReplies.NothingYet;
        if (!memory.HasThread)
        {
            return null;
        }

        var quote = memory.Shown.FirstOrDefault(c => c.Number == (number ?? memory.LastReplyFirst));
        if (quote is null)
        {
            problem = FollowUpReplies.NoSuchQuote(number ?? 0, memory.Shown.Count);
        }

        return quote;
    }

    private async Task RecordVoteAsync(ITurnContext turnContext, ConversationMemory memory, Vote vote, CancellationToken cancellationToken)
    {
        var recorded = await RecordAsync(turnContext, memory, vote);
        await turnContext.SendActivityAsync(
            recorded switch
            {
                VoteOutcome.Recorded => vote.Reaction == "like" ? "Thanks, glad that helped." : "Thanks for telling me. The newsroom reviews answers marked unhelpful.",
                VoteOutcome.AlreadyRecorded => vote.Reaction == "like" ? "You already marked that answer as helpful: it counts once." : "You already marked that answer as unhelpful: it counts once.",
                _ => "Thanks, but I can't tell which answer that was about: vote with the buttons under an answer.",
            },
            cancellationToken: cancellationToken);
    }

    private enum VoteOutcome
    {
        Recorded,
        AlreadyRecorded,
        NoSuchAnswer,
    }

    private async Task<VoteOutcome> RecordAsync(ITurnContext turnContext, ConversationMemory memory, Vote vote)
    {
        var given = memory.FindAnswer(vote.AnswerId, turnContext.Activity.ReplyToId);
        if (given is null)
        {
            logger.LogWarning("A {Reaction} vote in conversation {ConversationId} names no answer this conversation remembers", vote.Reaction, turnContext.Activity.Conversation?.Id);
            return VoteOutcome.NoSuchAnswer;
        }

        // The same thumb clicked again says nothing new; a comment, or the other thumb, does.
        if (given.Reaction == vote.Reaction && string.IsNullOrWhiteSpace(vote.Comment))
        {
            return VoteOutcome.AlreadyRecorded;
        }

        await feedback.AppendAsync(new FeedbackEntry(
            DateTimeOffset.UtcNow,
            vote.Reaction,
            given.Question,
            given.Citations.Select(c => new FeedbackSentence(c.SentenceId, c.Text)).ToList(),
            vote.Comment,
            turnContext.Activity.ChannelId,
            given.Id));
        memory.Answers[memory.Answers.IndexOf(given)] = given with { Reaction = vote.Reaction };
        logger.LogInformation("Recorded a {Reaction} vote on answer {AnswerId}", vote.Reaction, given.Id);
        return VoteOutcome.Recorded;
    }

    private const string RedeliveredKey = "Newsroom.Redelivered";

    /// <summary>What the bot says while the index is being built and has nothing to answer from yet.</summary>
    internal const string RebuildingMessage = "The archive is being rebuilt, try again in a moment.";

    /// <summary>True while the first indexing pass runs on an empty index (first start, or a damaged index being rebuilt).</summary>
    private bool Rebuilding => archive.IsRebuilding;

    private string Welcome()
    {
        if (Rebuilding)
        {
            return "Hello! I answer questions from the newsroom's reporting. " + RebuildingMessage;
        }

        var articles = archive.ArticleCount;
        var sentences = archive.SentenceCount;
        return articles == 0
            ? "Hello! I answer questions from the newsroom's reporting, but no articles have been indexed yet. Add articles to the corpus folder: I pick them up within seconds."
            : $"Hello! I answer questions from the newsroom's reporting: {articles:N0} {(articles == 1 ? "article" : "articles")}, {sentences:N0} sentences. " +
              $"I quote the sentences that answer you and say where each comes from.\n\nTry: *{ReplyRenderer.Escape(ExampleQuestion())}*\n\nType **help** to learn more.";
    }

    private string Help() =>
        "**Ask me about our reporting** in plain words, one question at a time, for example:\n\n" +
        $"*{ReplyRenderer.Escape(ExampleQuestion())}*\n\n" +
        "**How answers work.** I search every sentence of our articles and quote the ones that answer you, best match first, with the words that matched in **bold**. " +
        "Under each quote I say where it is: the headline (a link when the article has one), the byline, the source and date when known, and the paragraph and sentence number, so you can check it in the article.\n\n" +
        "**About the archive.** Ask *what articles do you have?*, *latest on Libya*, or limit a question by date or source: *what did we report in May 2025 about deportations?*\n\n" +
        "**When I don't know.** If no sentence in the reporting says it, I tell you I couldn't find it. I never make up an answer or paraphrase one.\n\n" +
        "**After an answer** you can type **more** for the next best quotes, **context** (or **context 2**) for the paragraph around a quote, " +
        "**source** for the articles it is from, or a short follow-up like *and Rwanda?* or *when?*, which I read against your last question. " +
        "The **Helpful** and **Not helpful** buttons (Teams' own thumbs in Teams) tell the newsroom which answers helped; **More like this** and **Show paragraph** act on the answer they are under.";

    private string ExampleQuestion()
    {
        var configured = botOptions.Value.ExampleQuestion;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var title = archive.ExampleHeadline();
        return title is null ? "What did we report this week?" : $"What did we report about {title.TrimEnd('.')}?";
    }

    private static IMessageActivity Markdown(string text)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    [GeneratedRegex(@"^\s*(/?help|\?|what can you do\??|how does this work\??)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HelpRequest();
}
