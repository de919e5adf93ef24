using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Newsroom.Answers.Tests;

/// <summary>
/// A Lucene directory that fails to write the next commit point (segments_N) once
/// <see cref="FailNextCommit"/> is set, as a disk that fills up just then does: the new sentences
/// are already written to their segment files.
/// </summary>
internal sealed class CommitFails(LuceneDirectory inner) : FilterDirectory(inner)
{
    public bool FailNextCommit { get; set; }

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        if (FailNextCommit && name.StartsWith("segments_", StringComparison.Ordinal))
        {
            FailNextCommit = false;
            throw new IOException("No space left on device");
        }

        return base.CreateOutput(name, context);
    }
}
