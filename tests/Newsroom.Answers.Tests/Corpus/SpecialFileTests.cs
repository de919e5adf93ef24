using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Diagnostics;
using System.Net.Sockets;

namespace Newsroom.Answers.Tests;

/// <summary>
/// Only regular files inside the corpus folder are read: a link to a file outside it, a named pipe,
/// a device or a socket is skipped with a named reason, without being opened where opening could
/// block, and no read goes past the size limit, whatever the size on disk said.
/// </summary>
public sealed class SpecialFileTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_link_to_a_file_outside_the_corpus_is_skipped_and_never_quoted()
    {
        using var outside = new TestCorpus();
        var secret = outside.Write("passwd.txt", "Secrets\n\nThe zanzibarsecretvalue password is kept here.");
        using var corpus = TestCorpus.WithSeed();
        File.CreateSymbolicLink(Path.Combine(corpus.Folder, "passwd.txt"), secret);

        var report = corpus.Sync();

        Assert.Contains(report.Skipped, s => s.Key == "passwd.txt" && s.Reason.Contains("outside the corpus folder"));
        Assert.Equal(AnswerStatus.NotFound, corpus.Answerer().Ask("Where is the zanzibarsecretvalue password kept?").Status);
    }

    [Fact]
    public void A_link_to_a_device_is_skipped_at_once_instead_of_read_until_memory_runs_out()
    {
        using var corpus = TestCorpus.WithSeed();
        File.CreateSymbolicLink(Path.Combine(corpus.Folder, "zero.txt"), "/dev/zero");

        var report = Within(Quickly, corpus.Sync);

        Assert.Contains(report.Skipped, s => s.Key == "zero.txt" && s.Reason.Contains("outside the corpus folder"));
        Assert.Equal(1, report.Articles);
    }

    [Fact]
    public void A_link_to_a_file_inside_the_corpus_is_read()
    {
        using var corpus = new TestCorpus();
        var real = corpus.Write("real.txt", "Port strike\n\nThe strike at the port ended on Tuesday.");
        Directory.CreateDirectory(Path.Combine(corpus.Folder, "links"));
        File.CreateSymbolicLink(Path.Combine(corpus.Folder, "links", "alias.txt"), real);
        var folder = corpus.Corpus;

        var result = folder.Read(folder.ListFiles().Single(f => f.Key == "links/alias.txt"));

        Assert.NotNull(result.Article);
    }

    [Fact]
    public async Task A_named_pipe_is_skipped_with_its_type_and_never_blocks_the_pass()
    {
        using var corpus = TestCorpus.WithSeed();
        var fifo = Path.Combine(corpus.Folder, "fifo.txt");
        MakeFifo(fifo);

        var pass = Task.Run(corpus.Sync);
        var ended = await Task.WhenAny(pass, Task.Delay(Quickly)) == pass;
        if (!ended)
        {
            // Release the reader the old code left blocked in open(), so the test run can end.
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }

        Assert.True(ended, "the pass blocked on a named pipe");
        var report = await pass;
        Assert.Contains(report.Skipped, s => s.Key == "fifo.txt" && s.Reason.Contains("named pipe"));
        Assert.Equal(1, report.Articles);
    }

    [Fact]
    public void A_socket_is_skipped_with_its_type()
    {
        using var corpus = TestCorpus.WithSeed();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(corpus.Folder, "socket.txt")));

        var report = Within(Quickly, corpus.Sync);

        Assert.Contains(report.Skipped, s => s.Key == "socket.txt" && s.Reason.Contains("socket"));
    }

    [Fact]
    public void A_file_that_grew_past_the_limit_after_it_was_listed_is_not_read_past_the_limit()
    {
        using var corpus = new TestCorpus();
        var path = corpus.Write("growing.txt", "Port strike\n\nThe strike ended.");
        var folder = new CorpusFolder(corpus.Folder, maxFileBytes: 64 * 1024);
        var listed = folder.ListFiles().Single(); // the size it had: small

        File.WriteAllText(path, "Port strike\n\n" + string.Concat(Enumerable.Repeat("The strike ended. ", 20_000)));
        var result = folder.Read(listed);

        Assert.Null(result.Article);
        Assert.Contains("too large", result.SkipReason);
    }

    private static T Within<T>(TimeSpan limit, Func<T> work)
    {
        // On a thread of its own that catches everything: a read that never ends, or ends in running
        // out of memory, fails this test and leaves the rest of the run alone.
        var result = default(T);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(limit), $"did not end within {limit.TotalSeconds} s");
        return failure is null ? result! : throw new InvalidOperationException("the pass failed", failure);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
