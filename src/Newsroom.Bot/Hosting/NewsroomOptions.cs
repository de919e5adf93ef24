using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Hosting;

/// <summary>Where the articles are. Bound from the "Corpus" section of appsettings.json.</summary>
public sealed class CorpusOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Corpus";

    /// <summary>The corpus folder; a relative path is relative to the repository root (see <see cref="RootFolder"/>).</summary>
    [Required]
    public string Folder { get; set; } = "corpus";

    /// <summary>Files larger than this are skipped with a message.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Whether the running bot watches the folder and indexes changes as they land.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// A burst of file events is indexed in one pass once it has been quiet this long. Longer than
    /// <see cref="SettleMilliseconds"/>, so a file that stopped changing is settled by the time the pass
    /// looks at it and one pass indexes it (each pass lists the whole corpus).
    /// </summary>
    [Range(10, 10_000)]
    public int DebounceMilliseconds { get; set; } = 300;

    /// <summary>A file modified more recently than this may still be being written: it is indexed on a later pass.</summary>
    [Range(0, 60_000)]
    public int SettleMilliseconds { get; set; } = 250;

    /// <summary>How often the whole folder is rescanned, in case the file watcher missed something.</summary>
    [Range(1, 86_400)]
    public int RescanSeconds { get; set; } = 30;
}

/// <summary>Where the Lucene index lives. Bound from the "Index" section of appsettings.json.</summary>
public sealed class IndexOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Index";

    /// <summary>The index folder; a relative path is relative to the repository root. Created on first start.</summary>
    [Required]
    public string Folder { get; set; } = "data/index";

    /// <summary>
    /// Gives every sentence a meaning vector from the arctic-embed-xs model (Newsroom.Answers.Semantic)
    /// and blends the question's similarity to each candidate into the ranking and the confidence:
    /// questions worded differently from the reporting find their sentence more often, and questions
    /// it does not answer are refused more often (README, "Measuring answer quality"). Off by
    /// default: indexing takes about 4 ms a sentence more on 2 cores (over an hour for an archive of
    /// a million sentences), each question about 4 ms more, and the model some 350 MB of memory.
    /// Turning it on or off rebuilds the index.
    /// </summary>
    public bool Semantic { get; set; }
}

/// <summary>What the bot says besides answers. Bound from the "Bot" section of appsettings.json.</summary>
public sealed class BotOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Bot";

    /// <summary>The example question the welcome and help messages suggest; when empty, one is made from an article's headline.</summary>
    public string? ExampleQuestion { get; set; }

    /// <summary>
    /// In Emulator mode (no MicrosoftAppId), service URLs besides this machine's that the bot may
    /// send replies to (each URL allows the URLs under it); see <see cref="ServiceUrlPolicy"/>.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in AllowedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"'{url}' is not an absolute http(s) URL.", [nameof(AllowedServiceUrls)]);
            }
        }
    }
}
