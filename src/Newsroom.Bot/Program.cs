using Newsroom.Bot.Commands;
using Newsroom.Bot.Feedback;
using Newsroom.Bot.Hosting;
using Newsroom.Bot.Teams;

// "index", "ask", "stats"…: a command for staff and scripts. Anything else: run the bot.
if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json lives at the repository root, beside corpus/.
    ContentRootPath = RootFolder.Find(Environment.GetEnvironmentVariable("Root")),
});

if (TeamsPackageCommand.IsInvoked(args))
{
    return TeamsPackageCommand.Run(builder.Configuration, builder.Environment.ContentRootPath, args, Console.Out, Console.Error);
}

// Host commands run instead of the bot and exit (settings as for the bot).
if (args is [FeedbackCommand.Verb, ..])
{
    return FeedbackCommand.Run(builder.Configuration, Console.Out);
}

builder.AddNewsroomAnswers();
builder.AddNewsroomBot();
builder.AddNewsroomWebChat();
builder.AddNewsroomStorage();
builder.AddNewsroomHttpProtection();

var app = builder.Build();
app.UseNewsroomHttpProtection();
app.MapNewsroomBot();
app.MapNewsroomWebChat();
app.LogStartup();
app.Run();
return 0;

/// <summary>The host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
