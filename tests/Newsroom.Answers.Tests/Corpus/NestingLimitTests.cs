using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newsroom.Answers.Corpus;
using System.Diagnostics;

namespace Newsroom.Answers.Tests;

/// <summary>
/// Files nested deeper than any article (YAML front matter, JSON, feeds, HTML) are refused before a
/// parser that recurses or scans its open elements sees them: skipped with the limit named, never a
/// stack overflow (which kills the process: no handler can catch it) and never minutes of work.
/// Each read runs on a thread with a very large stack, so that if a limit ever stops working the
/// test fails on its assertions instead of taking the test run down with it; the child-process
/// version, through the <c>index</c> command, is <c>IndexCommandProcessTests</c>.
/// </summary>
public sealed class NestingLimitTests
{
    private const int Deep = 100_000;

    public static TheoryData<string, string> DeepFiles() => new()
    {
        { "brackets.md", "---\ntitle: " + new string('[', Deep) + new string(']', Deep) + "\n---\nx\n" },
        { "braces.md", "---\ntitle: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "b" + new string('}', Deep) + "\n---\nx\n" },
        { "blocks.md", "---\n" + string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 80) + "b\ntitle: T\n---\nThe strike ended.\n" },
        { "dashes.md", "---\ntitle: T\nx:\n  " + string.Concat(Enumerable.Repeat("- ", 40)) + "y\n---\nThe strike ended.\n" },
        { "deep.json", new string('[', Deep) + new string(']', Deep) },
        { "deep.jsonl", "{\"title\":\"T\",\"body\":" + new string('[', Deep) + new string(']', Deep) + "}\n" },
        { "deep.rss", "<rss version=\"2.0\"><channel><title>F</title><item><title>T</title><description>d</description>" + string.Concat(Enumerable.Repeat("<x>", Deep)) + string.Concat(Enumerable.Repeat("</x>", Deep)) + "</item></channel></rss>" },
        { "deep.html", "<html><head><title>T</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", Deep)) + "<p>The strike ended.</p>" + string.Concat(Enumerable.Repeat("</div>", Deep)) + "</body></html>" },
        { "formatting.html", "<title>T</title><p>" + string.Concat(Enumerable.Repeat("<b>", Deep)) + "The strike ended.</p>" },
    };

    [Theory]
    [MemberData(nameof(DeepFiles))]
    public void A_file_nested_beyond_the_limit_is_skipped_with_the_limit_named(string name, string text)
    {
        using var corpus = new TestCorpus();
        corpus.Write(name, text);
        var folder = new CorpusFolder(corpus.Folder);

        var clock = Stopwatch.StartNew();
        var result = OnLargeStack(() => folder.Read(folder.ListFiles().Single()));

        Assert.Null(result.Article);
        Assert.Matches("nested too deeply|depth|too large", result.SkipReason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Front_matter_of_a_hundred_thousand_levels_is_refused_before_any_parser_sees_it()
    {
        // The issue's file: a size over the limit is refused before the depth is even looked at.
        var refused = OnLargeStack(() => Record.Exception(() => new MarkdownFormat().Read("crash.md", "---\ntitle: " + new string('[', Deep) + new string(']', Deep) + "\n---\nx\n")));
        Assert.Contains("front matter is too large", Assert.IsType<ArticleRejectedException>(refused).Message);
    }

    [Theory]
    [InlineData("---\ntitle: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n")]
    [InlineData("title: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: b}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}\n")]
    public void The_pre_check_refuses_deep_front_matter_without_parsing_it(string yaml)
    {
        var refused = Assert.Throws<ArticleRejectedException>(() => InputLimits.CheckFrontMatter(yaml));
        Assert.Contains("nested too deeply", refused.Message);
    }

    [Fact]
    public void The_pre_check_refuses_front_matter_over_its_size_and_html_over_its_depth()
    {
        Assert.Contains("too large", Assert.Throws<ArticleRejectedException>(() => InputLimits.CheckFrontMatter("title: " + new string('x', InputLimits.MaxFrontMatterChars))).Message);
        Assert.Contains("nested too deeply", Assert.Throws<ArticleRejectedException>(() => InputLimits.CheckHtml(string.Concat(Enumerable.Repeat("<section>", InputLimits.MaxHtmlDepth + 1)))).Message);
    }

    public static Arbitrary<(int Depth, int Kind)> Nesting() =>
        Gen.Choose(0, 3).SelectMany(kind => Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(0, 20_000)).Select(depth => (depth, kind))).ToArbitrary();

    [Property(Arbitrary = [typeof(NestingLimitTests)], MaxTest = 60)]
    public Property Front_matter_at_any_depth_is_read_or_refused_and_beyond_the_limit_always_refused((int Depth, int Kind) nesting)
    {
        var (depth, kind) = nesting;
        var value = kind switch
        {
            0 => new string('[', depth) + "x" + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "b" + new string('}', depth),
            2 => string.Concat(Enumerable.Repeat("[{a: ", depth)) + "b" + string.Concat(Enumerable.Repeat("}]", depth)),
            _ => "\n" + string.Concat(Enumerable.Range(1, Math.Min(depth, 300)).Select(i => new string(' ', i) + "a:\n")) + new string(' ', Math.Min(depth, 300) + 1) + "b",
        };
        var text = "---\ntitle: Port strike\nx: " + value + "\n---\nThe strike ended.\n";

        var outcome = OnLargeStack(() => Record.Exception(() => new MarkdownFormat().Read("p.md", text)));

        var levels = kind == 2 ? 2 * depth : Math.Min(depth, kind == 3 ? 300 : depth);
        return (outcome is null or ArticleRejectedException && (levels < InputLimits.MaxYamlDepth || outcome is ArticleRejectedException { Message: var m } && (m.Contains("nested too deeply") || m.Contains("too large"))))
            .ToProperty()
            .Label($"depth {depth}, kind {kind}: {outcome?.Message ?? "read"}");
    }

    [Theory]
    [InlineData('>')]
    [InlineData('[')]
    [InlineData('*')]
    [InlineData('-')]
    public void Markdown_nested_a_hundred_thousand_deep_in_its_body_is_read_or_skipped_quickly(char marker)
    {
        using var corpus = new TestCorpus();
        corpus.Write("deep.md", "# Port strike\n\n" + (marker == '-' ? string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', 2 * i) + "- x\n")) : new string(marker, Deep) + " The strike ended.\n"));
        var folder = new CorpusFolder(corpus.Folder);

        var clock = Stopwatch.StartNew();
        var result = OnLargeStack(() => folder.Read(folder.ListFiles().Single()));

        Assert.True((result.Article is null) != (result.SkipReason is null));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Forty_thousand_nested_divs_are_refused_at_once_instead_of_parsed_for_half_a_minute()
    {
        var page = "<title>T</title>" + string.Concat(Enumerable.Repeat("<div>", 40_000)) + "<p>The strike ended.</p>";

        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<ArticleRejectedException>(() => new HtmlFormat().Read("deep.html", page));

        Assert.Contains("more than 512 elements", refused.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Real_pages_and_front_matter_within_the_limits_are_read_as_before()
    {
        var page = "<html><head><title>Port strike</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", 100)) +
            "<article><p>The strike ended.<p>Unclosed paragraphs do not nest.<ul><li>one<li>two</ul><br><img src=x><script>var s = '<div><div>';</script></article></body></html>";
        var markdown = "---\ntitle: Port strike\nauthor: [Jane Doe, John Roe]\nmeta: {a: [1, 2], b: {c: d}}\nquote: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n---\nThe strike ended.\n";

        var html = new HtmlFormat().Read("a.html", page);
        var md = new MarkdownFormat().Read("a.md", markdown);

        Assert.Equal(2, html.Paragraphs.Count);
        Assert.Equal("Port strike", md.Title);
        Assert.Equal("Jane Doe, John Roe", md.Author);
    }

    private static T OnLargeStack<T>(Func<T> read)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = read();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 1024 * 1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "the read did not end within 2 minutes");
        return failure is null ? result : throw new InvalidOperationException("the read threw", failure);
    }
}
