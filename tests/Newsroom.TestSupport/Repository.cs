using Microsoft.Extensions.Configuration;

namespace Newsroom.Testing;

/// <summary>Paths and settings of the repository the tests (and the benchmark and load test) run in.</summary>
public static class Repository
{
    /// <summary>The folder that holds Bot.sln, found above the running program.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's corpus folder (the seed article).</summary>
    public static string Corpus => Path.Combine(Root, "corpus");

    /// <summary>A section of the shipped appsettings.json, so tests check what users get.</summary>
    public static T ShippedSettings<T>(string section)
        where T : new() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.json")).Build().GetSection(section).Get<T>() ?? new T();

    /// <summary>Copies the files of the repository's corpus into <paramref name="folder"/>, so a test can change its copy.</summary>
    public static void CopyCorpusTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Corpus))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
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
