using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Composition;

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
