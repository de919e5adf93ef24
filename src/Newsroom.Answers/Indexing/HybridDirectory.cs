using Lucene.Net.Store;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// The index folder, memory-mapped except for the stored fields, which are read with plain
/// positional reads (Elasticsearch's "hybridfs" store makes the same split). Searching walks the
/// postings, norms and doc values for every question: those want the map. The stored fields (the
/// sentences' text, a third of the index) are read for a handful of sentences per question, yet
/// every page the map touches counts in the bot's resident memory, and the kernel maps the pages
/// around each one touched: after a few hundred questions nearly all of them would be resident.
/// </summary>
internal sealed class HybridDirectory : MMapDirectory
{
    /// <summary>Stored fields' data and index (Lucene 4.x's compressing stored fields format).</summary>
    private static readonly string[] ReadExtensions = [".fdt", ".fdx"];

    private readonly NIOFSDirectory _reads;

    public HybridDirectory(DirectoryInfo path)
        : base(path)
    {
        // No lock factory of its own: it only opens inputs; the writer's lock is the map's.
        _reads = new NIOFSDirectory(path, NoLockFactory.GetNoLockFactory());
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        if (!ReadExtensions.Any(extension => name.EndsWith(extension, StringComparison.Ordinal)))
        {
            return base.OpenInput(name, context);
        }

        var input = _reads.OpenInput(name, context);
        if (input is BufferedIndexInput buffered)
        {
            // One read per compressed block of documents (Lucene's stored fields compress 16 kB of
            // documents at a time) instead of one per kilobyte: the clones the readers use keep it.
            buffered.SetBufferSize(16 * 1024);
        }

        return input;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reads.Dispose();
        }

        base.Dispose(disposing);
    }
}
