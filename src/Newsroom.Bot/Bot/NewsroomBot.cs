using Lucene.Net.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;
using Newsroom.Bot.Hosting;
using System.Text.RegularExpressions;

namespace Newsroom.Bot.Bot;

/// <summary>
/// The newsroom bot: welcomes people, explains itself on "help", and answers every other
/// message with cited sentences from the reporting (or says it couldn't find it).
/// A question-answering bot needs no dialogs: each message is answered on its own.
/// </summary>
public sealed partial class NewsroomBot(
    ArchiveQuestions answerer,
    ArticleIndex index,
    ReplyRenderer renderer,
    IOptions<AnswerOptions> answerOptions,
    IOptions<BotOptions> botOptions,
    ILogger<NewsroomBot> logger) : ActivityHandler
{
    /// <inheritdoc />
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Once per person who joins; the bot joining its own conversation is not a reason to greet.
        foreach (var member in membersAdded.Where(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            logger.LogInformation("Welcoming a new member to conversation {ConversationId}", turnContext.Activity.Conversation?.Id);
            await turnContext.SendActivityAsync(Markdown(Welcome()), cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var text = MentionText.Question(turnContext.Activity);
        if (HelpRequest().IsMatch(text))
        {
            await turnContext.SendActivityAsync(Markdown(Help()), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var answer = answerer.Ask(text);
        logger.LogInformation("Answered a {Length}-character question: {Status} with {Citations} citations",
            text.Length, answer.Status, answer.Citations.Count);
        await turnContext.SendActivityAsync(renderer.Render(answer, ExampleQuestion(), answerOptions.Value.MaxQuestionLength, turnContext.Activity.ChannelId), cancellationToken);
    }

    private string Welcome()
    {
        var articles = index.ArticleCount;
        var sentences = index.SentenceCount;
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
        "**When I don't know.** If no sentence in the reporting says it, I tell you I couldn't find it. I never make up an answer or paraphrase one.";

    private string ExampleQuestion()
    {
        var configured = botOptions.Value.ExampleQuestion;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var title = index.Search(searcher => searcher.Search(new MatchAllDocsQuery(), 1).ScoreDocs is [var first, ..]
            ? searcher.Doc(first.Doc).Get(SentenceFields.Title)
            : null);
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
