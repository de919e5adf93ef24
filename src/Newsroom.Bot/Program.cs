using Newsroom.Bot.Commands;
using Newsroom.Bot.Composition;
using Newsroom.Bot.Endpoint;
using Newsroom.Bot.Storage;

// "index", "ask", "stats", "teams-package", "feedback", "gaps": a command for staff and scripts (HostCommands lists them). Anything else: run the bot.
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
