using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsroom.Answers;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Channels.DirectLine;
using Newsroom.Bot.Conversation;
using Newsroom.Bot.Endpoint;
using Newsroom.Bot.Feedback;

namespace Newsroom.Bot.Composition;

/// <summary>The composition root, one feature per method.</summary>
public static class NewsroomServices
{
    /// <summary>Corpus, index and answering: options from appsettings.json, one index for the process.</summary>
    public static WebApplicationBuilder AddNewsroomAnswers(this WebApplicationBuilder builder)
    {
        var root = RootFolder.Find(builder.Configuration["Root"]);
        builder.Services.AddOptions<CorpusOptions>().BindConfiguration(CorpusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new ResolvedPaths(
            root,
            RootFolder.Resolve(root, sp.GetRequiredService<IOptions<CorpusOptions>>().Value.Folder),
            RootFolder.Resolve(root, sp.GetRequiredService<IOptions<IndexOptions>>().Value.Folder)));

        builder.Services.AddSingleton(sp => new MeaningModel(sp.GetRequiredService<IOptions<IndexOptions>>().Value.Semantic ? MeaningModel.Load() : null));
        builder.Services.AddSingleton(OpenArchive);
        builder.Services.AddSingleton<CorpusWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CorpusWatcher>());
        return builder;
    }

    /// <summary>
    /// The bot on the real Bot Framework adapter. Credentials are read by the SDK under their
    /// standard names (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId);
    /// with no app id the bot runs in Emulator mode and accepts unauthenticated local requests.
    /// </summary>
    public static WebApplicationBuilder AddNewsroomBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new ServiceUrlPolicy(sp.GetRequiredService<IOptions<BotOptions>>().Value.AllowedServiceUrls));
        // The credentials sit at the top level under the SDK's names, so they are bound from the root.
        builder.Services.AddOptions<BotCredentials>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BotCredentials>, BotCredentialsValidator>();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new GuardedAuthentication(
            sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<GuardedAuthentication>>()));
        // One adapter for every channel: /api/messages uses it through the interface, the local Direct Line directly.
        builder.Services.AddSingleton<AdapterWithErrorHandler>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        builder.Services.AddSingleton<ReplyRenderer>();
        builder.Services.AddSingleton<AnswerActions>();
        // Conversation state (what "more", "context" and "and Rwanda?" refer to) over the one IStorage
        // AddNewsroomStorage registers: bounded memory, or Redis when Storage:Redis is set (follow-ups
        // across restarts and instances).
        builder.Services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        builder.AddNewsroomFeedback();
        builder.Services.AddTransient<IBot, NewsroomBot>();
        return builder;
    }

    /// <summary>
    /// The web chat page and the Direct Line it talks to: the local channel in this host, or Azure's
    /// when DirectLine:Endpoint is set.
    /// </summary>
    public static WebApplicationBuilder AddNewsroomWebChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<LocalConversations>();
        builder.Services.AddSingleton<LocalDirectLine>();
        builder.Services.AddNewConversationLimit();
        return builder;
    }

    /// <summary>GET / (the web chat page), POST /webchat/token and, unless Azure's is configured, the local Direct Line under /v3/directline.</summary>
    public static WebApplication MapNewsroomWebChat(this WebApplication app)
    {
        // The rate limiter middleware (for the new-conversation policy too) is UseNewsroomHttpProtection's:
        // a second UseRateLimiter would count every request twice against the global limit.
        app.MapWebChatPage();
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.IsLocal)
        {
            app.MapLocalDirectLine();
        }

        return app;
    }

    /// <summary>Thumbs up / down on answers, appended to the feedback file (Feedback:File, relative to the root), and unanswered questions (Feedback:UnansweredFile).</summary>
    public static WebApplicationBuilder AddNewsroomFeedback(this WebApplicationBuilder builder)
    {
        var root = RootFolder.Find(builder.Configuration["Root"]);
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new FeedbackLog(RootFolder.Resolve(root, sp.GetRequiredService<IOptions<FeedbackOptions>>().Value.File)));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<FeedbackOptions>>().Value is var options
            ? new UnansweredLog(RootFolder.Resolve(root, options.UnansweredFile), options.RecordUnanswered, TimeSpan.FromDays(options.UnansweredRetentionDays))
            : throw new InvalidOperationException());
        return builder;
    }

    /// <summary>POST /api/messages, the Bot Framework messaging endpoint, and GET /health.</summary>
    public static WebApplication MapNewsroomBot(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted))
            .AddEndpointFilter(AuthorizationHeader.RefuseUnreadable)
            .AddEndpointFilter(ActivityShape.RejectMalformed)
            .AddEndpointFilter(ServiceUrlPolicy.RefuseUnlisted);
        app.MapGet("/health", (NewsroomArchive archive) =>
        {
            // 503 whenever nothing can be answered or the index is damaged, so a load balancer sends
            // people elsewhere. The reason names no path and quotes no exception: those are in the log.
            var health = archive.Health();
            return Results.Json(
                new
                {
                    status = health.Status,
                    ready = archive.IsReady && !archive.IsRebuilding,
                    articles = archive.ArticleCount,
                    sentences = archive.SentenceCount,
                    problem = health.Reason,
                },
                statusCode: health.CanAnswer ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>Opens the archive's index folder; a damaged index is replaced by an empty one (rebuilt in the background) and said so in the log.</summary>
    private static NewsroomArchive OpenArchive(IServiceProvider services)
    {
        var paths = services.GetRequiredService<ResolvedPaths>();
        var archive = NewsroomArchive.OpenFolder(paths.Index, new ArchiveSettings(paths.Corpus)
        {
            MaxFileBytes = services.GetRequiredService<IOptions<CorpusOptions>>().Value.MaxFileBytes,
            Answers = services.GetRequiredService<IOptions<AnswerOptions>>().Value,
            Encoder = services.GetRequiredService<MeaningModel>().Encoder,
            Logging = services.GetRequiredService<ILoggerFactory>(),
        });
        if (archive.Damage is { } damage)
        {
            services.GetRequiredService<ILogger<NewsroomArchive>>().LogWarning(
                "The index in {Folder} is damaged and cannot be opened ({Damage}); rebuilding it from {Corpus}, and until then the bot says the archive is being rebuilt",
                paths.Index, damage, paths.Corpus);
        }
        else if (archive.SentenceCount == 0)
        {
            services.GetRequiredService<ILogger<NewsroomArchive>>().LogInformation(
                "The index in {Folder} is empty: building it from {Corpus}", paths.Index, paths.Corpus);
        }

        return archive;
    }

    /// <summary>Logs which mode the bot runs in, without ever logging a secret.</summary>
    public static void LogStartup(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Newsroom.Bot");
        var paths = app.Services.GetRequiredService<ResolvedPaths>();
        var credentials = app.Services.GetRequiredService<IOptions<BotCredentials>>().Value;
        if (credentials.IsEmulatorMode)
        {
            logger.LogInformation("No MicrosoftAppId configured: Emulator mode, /api/messages accepts unauthenticated requests and replies are sent unauthenticated, " +
                "only to this machine, to Bot:AllowedServiceUrls ({AllowedServiceUrls}) or in the response (expectReplies)",
                string.Join(", ", app.Services.GetRequiredService<IOptions<BotOptions>>().Value.AllowedServiceUrls));
        }
        else
        {
            // The app id is public (it is in the Teams manifest); the password is never logged.
            logger.LogInformation("Bot Framework authentication on for app {AppId} ({AppType}): /api/messages requires a Bot Framework token and replies are sent signed in",
                credentials.MicrosoftAppId, credentials.AppType);
        }

        logger.LogInformation("Corpus {Corpus}, index {Index}", paths.Corpus, paths.Index);
    }
}
