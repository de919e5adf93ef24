using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Diagnostics;
using System.Text;

namespace Newsroom.Answers.Tests;

/// <summary>
/// Whatever lands in corpus/ (random bytes, truncated or malformed markup, huge files, files that
/// vanish or cannot be opened), the readers never throw: each file is either an article or
/// skipped with a reason a person can act on, and every other article is still indexed.
/// </summary>
public sealed class HostileCorpusTests
{
    private const string SeedQuestion = "Which countries did U.S. officials approach about deportation deals?";
    private const long Limit = 64 * 1024;

    public static Arbitrary<byte[]> Bytes() => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary();

    [Property(Arbitrary = [typeof(HostileCorpusTests)], MaxTest = 200)]
    public Property Random_bytes_in_any_format_are_read_or_skipped_with_a_reason(byte[] bytes, bool utf8Prefix)
    {
        using var corpus = new TestCorpus();
        var folder = new CorpusFolder(corpus.Folder, Limit);
        var results = new List<ReadResult>();
        foreach (var extension in new[] { ".txt", ".md", ".html", ".htm", ".markdown", ".bin" })
        {
            // Half the cases start as a plausible article, so the bytes reach the format's parser.
            var content = utf8Prefix ? [.. Encoding.UTF8.GetBytes("Headline\n\n<p>Text ---\n"), .. bytes] : bytes;
            corpus.WriteBytes("file" + extension, content);
            var file = folder.ListFiles().Single(f => f.Key == "file" + extension);
            results.Add(folder.Read(file));
        }

        return results.All(r => (r.Article is null) != (r.SkipReason is null) && (r.SkipReason is null || r.SkipReason.Length > 5))
            .ToProperty()
            .Label(string.Join("; ", results.Select(r => $"{r.File.Key}: {r.SkipReason ?? "read"}")));
    }

    [Fact]
    public void Bad_files_are_skipped_by_name_with_a_reason_and_nothing_else_is_lost()
    {
        using var corpus = TestCorpus.WithSeed();
        corpus.WriteBytes("random.txt", RandomBytes(4096, seed: 1));
        corpus.WriteBytes("latin1.md", Encoding.Latin1.GetBytes("Café\n\nLe café est fermé à Montréal."));
        corpus.Write("empty.html", "   \n  ");
        corpus.Write("huge.txt", "Huge\n\n" + new string('x', (int)Limit * 2));
        corpus.Write("notes.docx", "Not an article format\n\nA sentence.");
        corpus.WriteBytes("half-written.txt", Encoding.UTF8.GetBytes("Port strike\n\nThe strike at the port in Göteborg")[..^2]); // cut short inside the last word
        corpus.WriteBytes("cut-utf8.txt", [.. Encoding.UTF8.GetBytes("Port\n\nThe port of G"), 0xC3]); // cut inside a two-byte character
        File.CreateSymbolicLink(Path.Combine(corpus.Folder, "dangling.txt"), Path.Combine(corpus.Folder, "no-such-file.txt"));

        var report = Sync(corpus);

        var reasons = report.Skipped.ToDictionary(s => s.Key, s => s.Reason);
        Assert.Contains("binary", reasons["random.txt"]);
        Assert.Contains("UTF-8", reasons["latin1.md"]);
        Assert.Contains("empty", reasons["empty.html"]);
        Assert.Contains("too large", reasons["huge.txt"]);
        Assert.Contains("unsupported", reasons["notes.docx"]);
        Assert.Contains("UTF-8", reasons["cut-utf8.txt"]);
        Assert.Contains("could not be read", reasons["dangling.txt"]);
        Assert.DoesNotContain("half-written.txt", reasons.Keys); // a file cut at a character boundary is just a shorter article
        Assert.Equal(AnswerStatus.Answered, corpus.Answerer().Ask(SeedQuestion).Status);
    }

    [Theory]
    [InlineData("a.html", "<html><head><title>Port strike</title></head><body><article><p>The strike at the port ended on Tues")]
    [InlineData("b.html", "<article><p>The strike <b><i>ended</b></i> on <<<>>> Tuesday</p><p>&#xD800; &bogus; &#99999999;</article></body></html></html>")]
    [InlineData("c.html", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":[1,{}],\"author\":{\"name\":{\"x\":1}},\"datePublished\":\"not a date\"</script><p>Text</p>")]
    [InlineData("d.html", "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><article><p>Entity &xxe; here.</p></article></body></html>")]
    [InlineData("e.html", "<html><body></body></html>")]
    [InlineData("f.md", "---\ntitle: [unclosed\nauthor: {a: b\n---\nThe strike ended.")]
    [InlineData("g.md", "---\ntitle: Strike\n")]
    [InlineData("h.md", "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntitle: *f\n---\nThe strike ended.")]
    [InlineData("i.md", "# \n\n```\nunterminated code fence\n\n[link](\n\n![img](x.png")]
    [InlineData("j.txt", "\n\n\n\u0000")]
    [InlineData("k.txt", "\u202eHeadline\u202c\n\n\u200b\u200b\u200b")]
    public void Malformed_markup_is_read_or_skipped_quickly_and_the_seed_is_still_answered(string name, string content)
    {
        using var corpus = TestCorpus.WithSeed();
        corpus.Write(name, content);

        var clock = Stopwatch.StartNew();
        var report = Sync(corpus);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(report.Added == 1 || report.Skipped.Any(s => s.Key == name && s.Reason.Length > 5), $"{name}: neither read nor skipped with a reason");
        Assert.Equal(AnswerStatus.Answered, corpus.Answerer().Ask(SeedQuestion).Status);
    }

    [Fact]
    public void An_external_entity_in_html_never_brings_a_local_file_into_the_index()
    {
        using var corpus = new TestCorpus();
        var secret = Path.Combine(corpus.Folder, ".secret");
        File.WriteAllText(secret, "zanzibarsecretvalue");
        corpus.Write("x.html", $"<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file://{secret}\">]><html><body><article><p>Entity &xxe; here in the harbour.</p></article></body></html>");

        Sync(corpus);

        var found = corpus.Index.Search(searcher => searcher.Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(SentenceFields.Text, "zanzibarsecretvalu")), 1).TotalHits);
        Assert.Equal(0, found);
    }

    [Fact]
    public void A_file_that_disappears_between_listing_and_reading_is_skipped_with_a_reason()
    {
        using var corpus = TestCorpus.WithSeed();
        var path = corpus.Write("gone.txt", "Gone\n\nThis article is deleted before it is read.");
        var folder = new CorpusFolder(corpus.Folder, Limit);
        var listed = folder.ListFiles().Single(f => f.Key == "gone.txt");

        File.Delete(path);
        var result = folder.Read(listed);

        Assert.Null(result.Article);
        Assert.Contains("could not be read", result.SkipReason);
    }

    [Fact]
    public void An_article_overwritten_by_a_half_written_file_keeps_its_last_good_version()
    {
        using var corpus = TestCorpus.WithSeed();
        var seed = Path.Combine(corpus.Folder, "000_47feea0d49ae04be.txt");
        var bytes = File.ReadAllBytes(seed);

        // An editor's save cut short inside a multi-byte character: not UTF-8 any more.
        File.WriteAllBytes(seed, [.. bytes[..200], 0xE2, 0x80]);
        var report = Sync(corpus);

        Assert.Contains(report.Skipped, s => s.Key == "000_47feea0d49ae04be.txt" && s.Reason.Contains("UTF-8"));
        Assert.Equal(16, report.Sentences);
        Assert.Equal(AnswerStatus.Answered, corpus.Answerer().Ask(SeedQuestion).Status);
    }

    private static IndexReport Sync(TestCorpus corpus) =>
        new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpus.Folder, Limit), corpus.Index);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[10] = 0; // random data with a NUL, as real binary files have
        return bytes;
    }
}
