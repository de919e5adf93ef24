using Microsoft.Extensions.Options;
using Newsroom.Answers;
using Newsroom.Bot.Composition;
using Spectre.Console;

namespace Newsroom.Bot.Commands;

/// <summary>
/// The bot's own services (same settings, same composition root) for a command, without
/// starting the web server or the corpus watcher. Turns the failures a user can fix (a bad
/// setting, an index held by a running bot) into a message and an exit code.
/// </summary>
internal sealed class CommandServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CommandServices(WebApplication app) => _app = app;

    /// <summary>Opens the services with the settings overrides left on the command line.</summary>
    public static CommandServices Open(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings],
            ContentRootPath = RootFolder.Find(Environment.GetEnvironmentVariable("Root")),
        });
        builder.Logging.ClearProviders(); // commands report in their own words; a log line would break the table
        builder.AddNewsroomAnswers();
        return new CommandServices(builder.Build());
    }

    /// <summary>
    /// The settings alone (appsettings.json at the root, the environment, then the overrides left on
    /// the command line), as the bot reads them, and the root folder: for verbs that need no index.
    /// </summary>
    public static (IConfiguration Configuration, string Root) Settings(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings],
            ContentRootPath = RootFolder.Find(Environment.GetEnvironmentVariable("Root")),
        });
        return (builder.Configuration, builder.Environment.ContentRootPath);
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ResolvedPaths Paths => Get<ResolvedPaths>();

    /// <summary>Runs <paramref name="command"/>, mapping the errors a user can act on to exit codes.</summary>
    public static async Task<int> RunAsync(CommandContext context, Func<CommandServices, int> command)
    {
        var console = context.Console;
        CommandServices? services = null;
        try
        {
            services = Open(context.Settings);
            return command(services);
        }
        catch (OptionsValidationException e)
        {
            console.MarkupLineInterpolated($"[red]A setting is wrong:[/] {string.Join("; ", e.Failures)}");
            return HostCommands.UsageError;
        }
        catch (IndexInUseException)
        {
            console.MarkupLineInterpolated($"[red]The index at {services?.Paths.Index} is in use by another process[/] (is the bot running? Stop it, or let it index: it watches the corpus folder).");
            return HostCommands.IndexUnavailable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]The index at {services?.Paths.Index} could not be used:[/] {e.Message}");
            return HostCommands.IndexUnavailable;
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
