using System.Reflection;

namespace Newsroom.Bot.Composition;

/// <summary>
/// The folder relative paths in appsettings.json are resolved against, found once at start-up:
/// the "Root" setting if given, else the folder holding appsettings.json and corpus/ above the
/// working directory (so <c>dotnet run --project src/Newsroom.Bot</c> works from anywhere in the
/// repository), else the repository the host was built from, else the working directory.
/// </summary>
public static class RootFolder
{
    /// <summary>Finds the root folder.</summary>
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(folder.FullName, "corpus")))
            {
                return folder.FullName;
            }
        }

        var built = typeof(RootFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryRoot")?.Value;
        return !string.IsNullOrEmpty(built) && Directory.Exists(built) ? Path.GetFullPath(built) : Directory.GetCurrentDirectory();
    }

    /// <summary>Resolves <paramref name="path"/> against <paramref name="root"/> unless it is absolute.</summary>
    public static string Resolve(string root, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
}
