using Newsroom.Answers.Answering;
using Newsroom.Testing;

namespace Newsroom.Answers.Tests;

/// <summary>
/// <see cref="NewsroomArchive.Health"/> tells the truth in every fault: index files deleted under
/// the running archive are found (and the next pass rebuilds the index instead of counting the lost
/// articles as unchanged), and a first pass that fails leaves the archive rebuilding, not "ready"
/// with nothing in it. Its reasons name no path and quote no exception.
/// </summary>
public sealed class ArchiveHealthTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
    private readonly string _index = Directory.CreateTempSubdirectory("newsroom-index-").FullName;

    [Fact]
    public void Index_files_deleted_while_the_archive_runs_are_found_and_the_next_pass_rebuilds_the_index()
    {
        var articles = SyntheticCorpus.Write(_corpus, 0, 20, sentences: 5);
        using (var archive = NewsroomArchive.OpenFolder(_index, new ArchiveSettings(_corpus)))
        {
            archive.IndexCorpus();
            Assert.Equal(20, archive.ArticleCount);
            Assert.True(archive.Health().CanAnswer);

            foreach (var file in Directory.GetFiles(_index).Where(f => Path.GetFileName(f) != "write.lock"))
            {
                File.Delete(file);
            }

            var damaged = archive.Health();
            Assert.False(damaged.CanAnswer);
            Assert.Equal("damaged", damaged.Status);
            Assert.DoesNotContain(_index, damaged.Reason);

            SyntheticCorpus.Write(_corpus, 20, 1, sentences: 5);
            var report = archive.IndexCorpus();

            Assert.Equal(21, report.Added); // every article again, not "1 added, 20 unchanged"
            Assert.Equal(21, archive.ArticleCount);
            Assert.True(archive.Health().CanAnswer);
            Assert.Equal(AnswerStatus.Answered, archive.Ask(articles[3].Question).Status);
        }

        using var reopened = NewsroomArchive.OpenFolder(_index, new ArchiveSettings(_corpus));
        Assert.Null(reopened.Damage);
        Assert.Equal(21, reopened.ArticleCount);
    }

    [Fact]
    public void A_first_pass_that_fails_leaves_an_empty_archive_rebuilding_and_unhealthy_with_a_reason_that_names_no_path()
    {
        SyntheticCorpus.Write(_corpus, 0, 5, sentences: 5);
        using var archive = NewsroomArchive.OpenFolder(_index, new ArchiveSettings(_corpus));

        // The index folder turns into a file: every write of the pass fails, as on a full or lost disk.
        Directory.Delete(_index, recursive: true);
        File.WriteAllText(_index, "not a folder");
        Assert.ThrowsAny<Exception>(() => archive.IndexCorpus());

        var health = archive.Health();
        Assert.True(archive.IsReady); // the first pass has ended…
        Assert.True(archive.IsRebuilding); // …but there is still nothing to answer from
        Assert.False(health.CanAnswer);
        Assert.Equal("rebuilding", health.Status);
        Assert.Contains("failed", health.Reason);
        Assert.DoesNotContain("/", health.Reason);
        Assert.NotNull(archive.Problem); // the detail is kept for the log
    }

    public void Dispose()
    {
        if (File.Exists(_index))
        {
            File.Delete(_index);
        }

        foreach (var folder in (string[])[_corpus, _index])
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
