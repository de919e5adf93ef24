using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Newsroom.Answers.Tests;

/// <summary>
/// A Lucene directory that tells <see cref="BeforeWrite"/> how many bytes are about to be written
/// through it, before they are (so it can count them, or throw as a full disk does).
/// </summary>
internal class WatchedDirectory(LuceneDirectory inner) : FilterDirectory(inner)
{
    /// <summary>Called with the number of bytes of each write, before it happens.</summary>
    protected virtual void BeforeWrite(long bytes)
    {
    }

    public override IndexOutput CreateOutput(string name, IOContext context) => new Output(this, m_input.CreateOutput(name, context));

    private sealed class Output(WatchedDirectory directory, IndexOutput inner) : IndexOutput
    {
        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length => inner.Length;

        public override void WriteByte(byte b)
        {
            directory.BeforeWrite(1);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            directory.BeforeWrite(length);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        [Obsolete("Lucene's own member is obsolete; delegated for completeness.")]
        public override void Seek(long pos) => inner.Seek(pos);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}
