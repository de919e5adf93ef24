namespace Newsroom.Answers;

/// <summary>Whether the archive can answer now (see <see cref="NewsroomArchive.Health"/>).</summary>
/// <param name="CanAnswer">False while nothing can be answered or the index is damaged: a health check says 503.</param>
/// <param name="Status"><c>ok</c>, <c>rebuilding</c> or <c>damaged</c>.</param>
/// <param name="Reason">Why, in words without paths or exception text; null when all is well.</param>
public sealed record ArchiveHealth(bool CanAnswer, string Status, string? Reason);
