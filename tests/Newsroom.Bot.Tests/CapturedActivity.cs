using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Newsroom.Bot.Tests;

/// <summary>Activities as Teams and the Emulator send them (files in Activities/), with their placeholders filled in.</summary>
internal static class CapturedActivity
{
    public static string Load(string name, string serviceUrl, string question = "", string botId = "28:6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Activities", name + ".json"));
        return json
            .Replace("{serviceUrl}", Escaped(serviceUrl), StringComparison.Ordinal)
            .Replace("{question}", Escaped(question), StringComparison.Ordinal)
            .Replace("{botId}", Escaped(botId), StringComparison.Ordinal);
    }

    public static StringContent Content(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static string Escaped(string value) => JsonSerializer.Serialize(value)[1..^1];
}
