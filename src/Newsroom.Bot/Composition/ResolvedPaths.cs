namespace Newsroom.Bot.Composition;

/// <summary>The absolute folders the host works with, resolved once at start-up.</summary>
public sealed record ResolvedPaths(string Root, string Corpus, string Index);
