namespace Newsroom.Answers.Corpus;

/// <summary>A file of the corpus as found on disk, before reading.</summary>
/// <param name="Key">Path relative to the corpus folder with forward slashes: the article's identity.</param>
/// <param name="FullPath">Where the file is.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtc">Last modification time.</param>
internal sealed record CorpusFile(string Key, string FullPath, long Length, DateTime LastWriteUtc);
