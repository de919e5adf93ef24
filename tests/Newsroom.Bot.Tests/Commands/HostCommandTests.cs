using Newsroom.Answers.Indexing;
using Newsroom.Bot.Commands;
using Spectre.Console.Testing;

namespace Newsroom.Bot.Tests;

/// <summary>The host's commands (index, ask, stats, teams-package, feedback), run in process on a throw-away corpus and index.</summary>
public sealed class HostCommandTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
    private readonly string _index = Directory.CreateTempSubdirectory("newsroom-index-").FullName;

    public HostCommandTests()
    {
        foreach (var file in Directory.GetFiles(Repository.Corpus))
        {
            File.Copy(file, Path.Combine(_corpus, Path.GetFileName(file)));
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(400);
        var exitCode = await HostCommands.RunAsync([.. args, $"--Corpus:Folder={_corpus}", $"--Index:Folder={_index}"], console);
        return (exitCode, console.Output);
    }

    [Fact]
    public async Task Index_builds_the_index_and_summarises_it()
    {
        var (exitCode, output) = await RunAsync("index");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Matches(@"Articles\s*│\s*1\b", output);
        Assert.Matches(@"Sentences\s*│\s*16\b", output);
        Assert.Matches(@"Files skipped\s*│\s*0\b", output);
    }

    [Fact]
    public async Task Index_lists_each_skipped_file_with_its_reason_and_exits_with_1()
    {
        await File.WriteAllBytesAsync(Path.Combine(_corpus, "photo.txt"), [0xFF, 0xD8, 0x00, 0x01]);
        await File.WriteAllTextAsync(Path.Combine(_corpus, "notes.docx"), "x");

        var (exitCode, output) = await RunAsync("index");

        Assert.Equal(HostCommands.Partial, exitCode);
        Assert.Matches(@"photo\.txt\s*│\s*not a text file", output);
        Assert.Matches(@"notes\.docx\s*│\s*unsupported file type '\.docx'", output);
        Assert.Matches(@"Articles\s*│\s*1\b", output);
    }

    [Fact]
    public async Task Ask_answers_in_the_terminal_with_citations()
    {
        await RunAsync("index");

        var (exitCode, output) = await RunAsync("ask", "Which countries did U.S. officials approach about deportation deals?");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", output);
        Assert.Contains("by Camilo Montoya-Galvez", output);
        Assert.Contains("paragraph 13, sentence 1", output);
    }

    [Fact]
    public async Task Ask_without_an_answer_says_so_and_exits_with_1()
    {
        var (exitCode, output) = await RunAsync("ask", "What is the population of Iceland?");

        Assert.Equal(HostCommands.Partial, exitCode);
        Assert.Contains("couldn't find", output);
    }

    [Fact]
    public async Task Ask_without_a_question_shows_usage_and_exits_with_2()
    {
        var (exitCode, output) = await RunAsync("ask");

        Assert.Equal(HostCommands.UsageError, exitCode);
        Assert.Contains("ask <question>", output);
    }

    [Fact]
    public async Task Stats_reports_articles_sentences_size_and_last_update()
    {
        await RunAsync("index");

        var (exitCode, output) = await RunAsync("stats");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Matches(@"Articles\s*│\s*1\b", output);
        Assert.Matches(@"Sentences\s*│\s*16\b", output);
        Assert.Matches(@"Index size on disk\s*│\s*[\d.]+ KB", output);
        Assert.Matches($@"Last updated\s*│\s*{DateTime.UtcNow:yyyy-MM-dd}", output);
        Assert.Matches(@"Meaning model\s*│\s*off", output);
    }

    [Fact]
    public async Task With_index_semantic_index_and_ask_use_the_meaning_model_and_stats_names_it()
    {
        var (indexed, _) = await RunAsync("index", "--Index:Semantic=true");
        var (asked, answer) = await RunAsync("ask", "Is the military involved in removing people to Libya?", "--Index:Semantic=true");
        var (_, stats) = await RunAsync("stats", "--Index:Semantic=true");

        Assert.Equal((HostCommands.Success, HostCommands.Success), (indexed, asked));
        Assert.Contains("operated by the U.S. military", answer);
        Assert.Matches(@"Meaning model\s*│\s*arctic-embed-xs", stats);
        Assert.Matches(@"Sentences\s*│\s*16\b", stats);
    }

    [Fact]
    public async Task A_wrong_setting_is_named_and_exits_with_2()
    {
        var (exitCode, output) = await RunAsync("ask", "Where is Libya?", "--Answers:MaxCitations=0");

        Assert.Equal(HostCommands.UsageError, exitCode);
        Assert.Contains("MaxCitations", output);
    }

    [Fact]
    public async Task An_index_in_use_by_a_running_bot_is_reported_with_exit_code_3()
    {
        using var running = ArticleIndex.OpenFolder(_index, new NewsAnalyzer());

        var (exitCode, output) = await RunAsync("index");

        Assert.Equal(HostCommands.IndexUnavailable, exitCode);
        Assert.Contains("in use by another process", output);
        Assert.Contains(_index, output);
    }

    [Fact]
    public async Task Help_lists_every_command_the_program_has()
    {
        var (exitCode, output) = await RunAsync("--help");

        Assert.Equal(HostCommands.Success, exitCode);
        var commands = output[output.IndexOf("Commands:", StringComparison.Ordinal)..];
        foreach (var verb in new[] { "index", "ask", "stats", "teams-package", "feedback", "gaps" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\b.*\S", commands); // listed, with what it does
        }
    }

    [Fact]
    public async Task Feedback_runs_as_a_command_like_the_others_with_settings_on_the_command_line()
    {
        var missing = Path.Combine(_corpus, "no-feedback.jsonl");

        var (exitCode, output) = await RunAsync("feedback", $"--Feedback:File={missing}");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("No feedback yet", output);
        Assert.Contains(missing, output);
    }

    [Fact]
    public async Task Teams_package_runs_as_a_command_like_the_others_and_its_usage_errors_exit_with_2()
    {
        var (exitCode, output) = await RunAsync("teams-package", "--output");

        Assert.Equal(HostCommands.UsageError, exitCode);
        Assert.Contains("--output", output);
        Assert.Contains("teams-package [options]", output); // the verb's own usage, as System.CommandLine writes it for every verb
    }

    [Fact]
    public async Task Teams_package_help_says_what_it_writes()
    {
        var (exitCode, output) = await RunAsync("teams-package", "--help");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("-o, --output", output);
        Assert.Contains("Teams app package", output);
    }

    private const string AppId = "8f6a1d2e-5b3c-4e7f-9a0b-1c2d3e4f5a6b";

    [Theory]
    [InlineData("--MicrosoftAppId=" + AppId)]
    [InlineData("--MicrosoftAppId", AppId)]
    [InlineData("--microsoftappid=" + AppId)]
    public async Task Teams_package_takes_the_app_id_in_the_forms_dotnet_users_type(params string[] appId)
    {
        var zip = Path.Combine(_corpus, "package.zip");

        var (exitCode, output) = await RunAsync(["teams-package", .. appId, "--output", zip]);

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains($"for bot {AppId}", output);
        Assert.True(File.Exists(zip));
    }

    [Fact]
    public async Task A_section_setting_is_taken_with_its_value_after_a_space_too()
    {
        var missing = Path.Combine(_corpus, "elsewhere.jsonl");

        var (exitCode, output) = await RunAsync("feedback", "--Feedback:File", missing);

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains(missing, output);
    }

    [Theory]
    [InlineData("teams-package", "--AppId=x")]
    [InlineData("index", "--Nonsense")]
    public async Task An_argument_that_is_neither_an_option_nor_a_setting_shows_the_forms_settings_take(string verb, string argument)
    {
        var (exitCode, output) = await RunAsync(verb, argument);

        Assert.Equal(HostCommands.UsageError, exitCode);
        Assert.Contains(argument.Split('=')[0], output);
        Assert.Contains("--Section:Name=value", output);
        Assert.Contains("--MicrosoftAppId=<id>", output);
        Assert.Contains("MicrosoftAppId=<id>", output);
    }

    [Fact]
    public async Task A_setting_without_a_value_says_how_to_give_one()
    {
        var (exitCode, output) = await RunAsync("teams-package", "--MicrosoftAppId");

        Assert.Equal(HostCommands.UsageError, exitCode);
        Assert.Contains("--MicrosoftAppId needs a value", output);
    }

    [Theory]
    [InlineData("index", new[] { "Corpus:Folder", "Index:Folder", "Index:Semantic", "Corpus:MaxFileBytes" })]
    [InlineData("ask", new[] { "Index:Folder", "Answers:" })]
    [InlineData("stats", new[] { "Index:Folder" })]
    [InlineData("teams-package", new[] { "MicrosoftAppId", "Teams:", "WebsiteUrl" })]
    [InlineData("feedback", new[] { "Feedback:File", "Feedback:UnansweredFile" })]
    [InlineData("gaps", new[] { "Feedback:UnansweredFile", "Feedback:RecordUnanswered", "Feedback:UnansweredRetentionDays" })]
    public async Task Every_commands_help_lists_the_settings_it_reads(string verb, string[] settings)
    {
        var (exitCode, output) = await RunAsync(verb, "--help");

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("Settings it reads", output);
        Assert.All(settings, setting => Assert.Contains(setting, output));
    }

    [Fact]
    public async Task Teams_package_warns_when_the_links_are_still_the_example_com_placeholders()
    {
        var zip = Path.Combine(_corpus, "package.zip");

        var (shipped, warned) = await RunAsync("teams-package", $"--MicrosoftAppId={AppId}", "--output", zip);
        var (own, quiet) = await RunAsync(
            "teams-package", $"--MicrosoftAppId={AppId}", "--output", zip,
            "--Teams:WebsiteUrl=https://news.test/bot", "--Teams:PrivacyUrl=https://news.test/privacy", "--Teams:TermsOfUseUrl=https://news.test/terms");

        Assert.Equal((HostCommands.Success, HostCommands.Success), (shipped, own));
        Assert.Contains("Warning: Teams:WebsiteUrl, Teams:PrivacyUrl, Teams:TermsOfUseUrl still point at the example.com placeholders", warned);
        Assert.DoesNotContain("Warning", quiet);
    }

    [Fact]
    public async Task Output_piped_to_a_file_is_not_wrapped_at_80_columns()
    {
        var question = "Which ports along the northern coast joined the dockworkers' strike in the first week of May, and which of them stayed closed the longest?";
        var file = Path.Combine(_corpus, "feedback.jsonl");
        using (var log = new Newsroom.Bot.Feedback.FeedbackLog(file))
        {
            await log.AppendAsync(new(DateTimeOffset.UtcNow, "dislike", question, [], null, "webchat", "a1"));
        }

        using var piped = new StringWriter();
        var exitCode = await HostCommands.RunAsync(["feedback", $"--Feedback:File={file}"], HostCommands.Terminal(piped, redirected: true));
        using var narrow = new StringWriter();
        await HostCommands.RunAsync(["feedback", $"--Feedback:File={file}"], HostCommands.Terminal(narrow, redirected: true, columns: "80"));

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains(piped.ToString().Split('\n'), line => line.Contains(question, StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b", piped.ToString(), StringComparison.Ordinal); // no colours or cursor moves in a file
        Assert.DoesNotContain(narrow.ToString().Split('\n'), line => line.Contains(question, StringComparison.Ordinal)); // COLUMNS is obeyed
    }

    [Theory]
    [InlineData("index", true)]
    [InlineData("stats", true)]
    [InlineData("teams-package", true)]
    [InlineData("feedback", true)]
    [InlineData("gaps", true)]
    [InlineData("--urls", false)]
    [InlineData("--Answers:MaxCitations=5", false)]
    public void Only_a_verb_turns_the_host_into_a_command(string first, bool isCommand) =>
        Assert.Equal(isCommand, HostCommands.IsCommand([first, "x"]));

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_index, recursive: true);
    }
}
