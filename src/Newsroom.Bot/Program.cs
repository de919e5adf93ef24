using Newsroom.Bot.Hosting;

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

/// <summary>The host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
