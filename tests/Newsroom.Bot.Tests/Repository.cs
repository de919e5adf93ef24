using Microsoft.Extensions.Configuration;
using Newsroom.Answers.Answering;

namespace Newsroom.Bot.Tests;

/// <summary>Paths and settings of the repository the tests run in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    /// <summary>The answer settings of the shipped appsettings.json, so tests check what users get.</summary>
    public static AnswerOptions AnswerOptions()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.json")).Build();
        return configuration.GetSection(Answers.Answering.AnswerOptions.Section).Get<AnswerOptions>() ?? new AnswerOptions();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
