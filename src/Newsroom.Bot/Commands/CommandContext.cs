using Spectre.Console;

namespace Newsroom.Bot.Commands;

/// <summary>What every verb gets: where to write, and the settings overrides from the command line.</summary>
/// <param name="Console">The terminal (or a test console).</param>
/// <param name="Settings">"--Section:Name=value" / "--MicrosoftAppId=value" arguments (as HostCommands normalised them), applied over appsettings.json as for the bot.</param>
public sealed record CommandContext(IAnsiConsole Console, IReadOnlyList<string> Settings);
