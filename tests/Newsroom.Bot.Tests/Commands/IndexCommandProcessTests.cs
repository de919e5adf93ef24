using Newsroom.Testing;
using System.Diagnostics;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The <c>index</c> command as a child process over files nested far deeper than any article, in
/// every format: a stack overflow cannot be caught and ended the process (exit code 134, and the
/// same at every restart); now each file is skipped with the limit named. A child process, so that
/// a regression fails this test instead of killing the test run.
/// </summary>
public sealed class IndexCommandProcessTests : IDisposable
{
    private const int Deep = 100_000;
    private readonly string _corpus = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
    private readonly string _index = Directory.CreateTempSubdirectory("newsroom-index-").FullName;

    [Fact]
    public async Task Deeply_nested_files_in_every_format_are_skipped_and_the_index_command_ends_normally()
    {
        File.Copy(Path.Combine(Repository.Corpus, "000_47feea0d49ae04be.txt"), Path.Combine(_corpus, "seed.txt"));
        Write("crash.md", "---\ntitle: " + new string('[', Deep) + new string(']', Deep) + "\n---\nx\n");
        Write("braces.md", "---\ntitle: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "b" + new string('}', 20_000) + "\n---\nx\n");
        Write("small-brackets.md", "---\ntitle: " + new string('[', 5_000) + new string(']', 5_000) + "\n---\nx\n");
        Write("deep.json", "{\"title\":\"T\",\"body\":" + new string('[', Deep) + new string(']', Deep) + "}");
        Write("deep.jsonl", "{\"title\":\"T\",\"body\":" + new string('[', Deep) + new string(']', Deep) + "}\n");
        Write("deep.rss", "<rss version=\"2.0\"><channel><title>F</title><item><title>T</title><description>d</description>" + string.Concat(Enumerable.Repeat("<x>", Deep)) + string.Concat(Enumerable.Repeat("</x>", Deep)) + "</item></channel></rss>");
        Write("deep.html", "<title>T</title>" + string.Concat(Enumerable.Repeat("<div>", Deep)) + "<p>The strike ended.</p>");

        var (exitCode, output) = await RunIndexAsync();

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}"); // 1: some files skipped; a stack overflow is 134
        foreach (var name in (string[])["crash.md", "braces.md", "small-brackets.md", "deep.rss", "deep.html"])
        {
            Assert.Matches(name.Replace(".", "\\.", StringComparison.Ordinal) + @"\s*│[^\n]*(nested too deeply|too large)", output);
        }

        Assert.Matches(@"Articles\s*│\s*1\b", output);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_corpus, name), text);

    private async Task<(int ExitCode, string Output)> RunIndexAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[BotProcess.HostAssembly, "index", $"--Corpus:Folder={_corpus}", $"--Index:Folder={_index}"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Root"] = Repository.Root;
        start.Environment["COLUMNS"] = "400";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("index did not end within 3 minutes");
        }

        return (process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_index, recursive: true);
    }
}
