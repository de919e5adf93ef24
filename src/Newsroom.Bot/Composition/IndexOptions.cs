using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Composition;

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
    /// it does not answer are refused more often (docs/evaluation.md). Off by
    /// default: indexing takes about 4 ms a sentence more on 2 cores (over an hour for an archive of
    /// a million sentences), each question about 4 ms more, and the model some 350 MB of memory.
    /// Turning it on or off rebuilds the index.
    /// </summary>
    public bool Semantic { get; set; }
}
