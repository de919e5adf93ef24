namespace Newsroom.Answers;

/// <summary>
/// The index folder is held by another process (a running bot, or another <c>index</c> command):
/// only one process at a time may write an index. Stop the other process, or let the running bot
/// keep the index up to date, since it watches the corpus folder.
/// </summary>
public sealed class IndexInUseException : IOException
{
    /// <summary>The index in <paramref name="folder"/> is held by another process; <paramref name="inner"/> is how that showed.</summary>
    public IndexInUseException(string folder, Exception? inner = null)
        : base($"The index in {folder} is in use by another process. Is the bot running? Stop it, or let it index: it watches the corpus folder.", inner)
    {
        Folder = folder;
    }

    /// <summary>The index folder that is in use.</summary>
    public string Folder { get; }
}
