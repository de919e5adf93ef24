namespace Newsroom.Answers.Indexing;

/// <summary>An article that was not indexed because an earlier one (by key) has the same URL or the same text.</summary>
public sealed record DuplicateArticle(string Key, string DuplicateOf);
