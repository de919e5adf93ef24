using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Newsroom.Bot.Storage;

/// <summary>
/// How the bot's storages write state: JSON with .NET type names, as the SDK's own storages do (so
/// state objects come back as the types that were written), an item's ETag written into the stored
/// copy, and type names honoured only from known assemblies.
/// </summary>
internal static class StateJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new KnownAssemblies(),
        MaxDepth = null,
    });

    /// <summary>The expected ETag of a write: the item's own (an <see cref="IStoreItem"/>), or empty (write unconditionally).</summary>
    public static string ExpectedETag(object value) => value is IStoreItem item ? item.ETag ?? string.Empty : string.Empty;

    /// <summary>True when a write expecting <paramref name="expected"/> may replace an item whose ETag is <paramref name="current"/>.</summary>
    public static bool Matches(string expected, string? current) => expected is "" or "*" || current is null || current == expected;

    /// <summary><paramref name="value"/> as stored, carrying <paramref name="etag"/> when it is a store item.</summary>
    public static string Write(object value, string etag)
    {
        var json = JObject.FromObject(value, Serializer);
        if (value is IStoreItem)
        {
            // The stored copy carries its new ETag, so what is read back can be written back conditionally.
            foreach (var stale in json.Properties().Where(p => p.Name.Equals("eTag", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                stale.Remove();
            }

            json["eTag"] = etag;
        }

        return json.ToString(Formatting.None);
    }

    /// <summary>A stored item read back as the type that was written.</summary>
    public static object Read(string json) => JObject.Parse(json).ToObject<object>(Serializer)!;

    /// <summary>The conflict the SDK's storages report (callers such as BotState treat it as one).</summary>
    public static Exception Conflict(string key, string expected) =>
        new InvalidOperationException($"Etag conflict: '{key}' changed since it was read (expected ETag {expected}).");

    /// <summary>
    /// Type names from a store are only honoured for the bot's own, the Bot Framework's and the base
    /// library's assemblies: TypeNameHandling.All on data from outside the process would otherwise
    /// let whoever can write to the store choose any type to instantiate.
    /// </summary>
    private sealed class KnownAssemblies : DefaultSerializationBinder
    {
        private static readonly string[] Allowed = ["Newsroom.", "Microsoft.Bot.", "System.Private.CoreLib", "System.Collections", "Newtonsoft.Json", "mscorlib"];

        public override Type BindToType(string? assemblyName, string typeName)
        {
            if (assemblyName is not null && !Allowed.Any(prefix => assemblyName.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw new JsonSerializationException($"Type '{typeName}' from assembly '{assemblyName}' is not allowed in stored state.");
            }

            return base.BindToType(assemblyName, typeName);
        }
    }
}
