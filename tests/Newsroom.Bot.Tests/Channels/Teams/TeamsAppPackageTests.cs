using Json.Schema;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Newsroom.Bot.Channels.Teams;
using SkiaSharp;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>The teams-package command, its zip and the manifest inside it, checked against Microsoft's schema.</summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    private readonly string _folder = Directory.CreateTempSubdirectory("newsroom-teams-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    /// <summary>The repository's appsettings.json with <paramref name="overrides"/> on top, as the host reads it.</summary>
    private static IConfiguration Configuration(Dictionary<string, string?> overrides) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Repository.Root, "appsettings.json"))
        .AddInMemoryCollection(overrides)
        .Build();

    private int Run(Dictionary<string, string?> settings, string output) =>
        TeamsPackageCommand.Run(Configuration(settings), Repository.Root, output, _output, _error);

    private string WritePackage()
    {
        var zip = Path.Combine(_folder, "app.zip");
        Assert.Equal(0, Run(new() { ["MicrosoftAppId"] = AppId }, zip));
        return zip;
    }

    private static JsonNode Manifest(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var stream = archive.GetEntry("manifest.json")!.Open();
        return JsonNode.Parse(stream)!;
    }

    private static SKBitmap Icon(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return SKBitmap.Decode(copy.ToArray()) ?? throw new InvalidDataException(name + " is not an image");
    }

    /// <summary>
    /// Microsoft's v1.17 manifest schema (Schemas/README.md says where the copy comes from). It
    /// declares draft-04 yet uses draft-06's "const", as Microsoft's own validator reads it: it is
    /// evaluated as draft-07, which agrees with draft-04 on every keyword the schema uses.
    /// </summary>
    private static EvaluationResults Validate(JsonNode manifest)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "MicrosoftTeams.v1.17.schema.json"));
        var node = JsonNode.Parse(text)!.AsObject();
        node.Remove("$schema");
        var schema = JsonSchema.FromText(node.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07 });
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults results) => string.Join("; ",
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void The_package_holds_the_manifest_and_both_icons_at_its_root()
    {
        using var archive = ZipFile.OpenRead(WritePackage());

        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public void The_manifest_validates_against_the_Teams_1_17_schema()
    {
        var results = Validate(Manifest(WritePackage()));

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public void The_schema_check_catches_a_manifest_over_Teams_limits()
    {
        var manifest = Manifest(WritePackage());
        manifest["name"]!["short"] = new string('N', 31);
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "everyone");
        manifest["manifestVersion"] = "1.16";

        var results = Validate(manifest);

        Assert.False(results.IsValid);
        Assert.Contains("/name/short", Errors(results));
        Assert.Contains("/bots/0/scopes/1", Errors(results));
        Assert.Contains("/manifestVersion", Errors(results));
    }

    [Fact]
    public void The_manifest_names_the_bot_from_MicrosoftAppId_in_every_scope_with_help_and_an_example()
    {
        var manifest = Manifest(WritePackage());

        Assert.Equal("1.17", (string?)manifest["manifestVersion"]);
        Assert.Equal(AppId, (string?)manifest["id"]);
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(AppId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var commands = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string?)c!["title"]).ToList();
        Assert.Equal(["help", "Who may be deported to Libya?"], commands);
    }

    [Fact]
    public async Task The_example_command_Teams_offers_is_answered_from_the_reporting()
    {
        var example = Configuration([]).GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>()!.ExampleCommand;
        using var harness = new BotTestHarness();

        await harness.Flow()
            .Send(example)
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => Assert.Contains("paragraph", ((IMessageActivity)reply).Text))
            .StartTestAsync();
    }

    [Fact]
    public void The_colour_icon_is_192_pixels_square_and_opaque()
    {
        using var icon = Icon(WritePackage(), "color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels, pixel => Assert.Equal(255, pixel.Alpha));
    }

    [Fact]
    public void The_outline_icon_is_32_pixels_square_white_on_transparent()
    {
        using var icon = Icon(WritePackage(), "outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        var drawn = icon.Pixels.Where(pixel => pixel.Alpha > 0).ToList();
        Assert.InRange(drawn.Count, 32 * 32 / 10, 32 * 32 / 2);
        Assert.All(drawn, pixel => Assert.Equal((255, 255, 255), (pixel.Red, pixel.Green, pixel.Blue)));
        Assert.Contains(icon.Pixels, pixel => pixel.Alpha == 0);
    }

    [Fact]
    public void Without_an_app_id_the_command_fails_and_says_what_to_set()
    {
        var zip = Path.Combine(_folder, "app.zip");

        var exitCode = Run(new() { ["MicrosoftAppId"] = string.Empty }, zip);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MicrosoftAppId is not set", _error.ToString());
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void An_app_id_that_is_not_a_guid_is_refused()
    {
        var exitCode = Run(new() { ["MicrosoftAppId"] = "newsroom-bot" }, Path.Combine(_folder, "app.zip"));

        Assert.Equal(1, exitCode);
        Assert.Contains("GUID", _error.ToString());
    }

    [Theory]
    [InlineData("Teams:ExampleCommand", "Which countries did U.S. officials approach?")]
    [InlineData("Teams:ShortName", "The newsroom's question answering bot")]
    [InlineData("Teams:PrivacyUrl", "http://example.com/privacy")]
    [InlineData("Teams:AccentColor", "blue")]
    public void A_setting_Teams_would_refuse_stops_the_command_with_a_message_naming_it(string setting, string value)
    {
        var exitCode = Run(new() { ["MicrosoftAppId"] = AppId, [setting] = value }, Path.Combine(_folder, "app.zip"));

        Assert.Equal(1, exitCode);
        Assert.Contains(setting, _error.ToString());
    }

    [Fact]
    public void Without_output_the_package_goes_under_data_in_the_repository()
    {
        var root = Path.Combine(_folder, "root");

        var exitCode = TeamsPackageCommand.Run(Configuration(new() { ["MicrosoftAppId"] = AppId }), root, requested: null, _output, _error);

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(root, "data", "teams", "newsroom-teams-app.zip")));
    }

    [Theory]
    [InlineData("", 1, "MicrosoftAppId is not set")]
    [InlineData(AppId, 0, "Wrote ")]
    public async Task The_host_runs_the_command_from_its_command_line_and_exits_with_its_code(string appId, int expectedExitCode, string expectedMessage)
    {
        var zip = Path.Combine(_folder, "from-the-command-line.zip");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Newsroom.Bot.dll"), "teams-package", "--output", zip },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Root"] = Repository.Root, ["MicrosoftAppId"] = appId },
        };

        using var process = Process.Start(start)!;
        var printed = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(expectedExitCode, process.ExitCode);
        Assert.Contains(expectedMessage, printed);
        Assert.Equal(expectedExitCode == 0, File.Exists(zip));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }
}
