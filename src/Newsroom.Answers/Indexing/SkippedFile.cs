namespace Newsroom.Answers.Indexing;

/// <summary>A file that was not indexed, and why.</summary>
public sealed record SkippedFile(string Key, string Reason);
