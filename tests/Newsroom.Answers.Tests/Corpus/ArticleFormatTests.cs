using Newsroom.Answers.Corpus;

namespace Newsroom.Answers.Tests;

public sealed class ArticleFormatTests
{
    [Theory]
    [InlineData("Storm Bella reaches the coast\nPublished: 2026-03-10T18:30:00-05:00\n\nThe storm made landfall on Tuesday evening.\n\nBy Ana Ruiz")]
    [InlineData("Storm Bella reaches the coast\n\nPublished: 2026-03-10 18:30 -05:00\n\nThe storm made landfall on Tuesday evening.\n\nBy Ana Ruiz")]
    [InlineData("Storm Bella reaches the coast\n\nThe storm made landfall on Tuesday evening.\n\nDate: March 10, 2026 6:30 PM -05:00\n\nBy Ana Ruiz")]
    public void A_plain_text_article_carries_its_date_on_a_published_line(string text)
    {
        var article = new PlainTextFormat().Read("storm.txt", text);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 18, 30, 0, TimeSpan.FromHours(-5)), article.Published);
        Assert.Equal(["The storm made landfall on Tuesday evening."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal("Ana Ruiz", article.Author);
    }

    [Fact]
    public void A_paragraph_that_only_starts_like_a_date_line_stays_text()
    {
        var article = new PlainTextFormat().Read("a.txt", "Headline\n\nDate: the council has not set one yet.\n\nUpdated: soon, officials said, and more text follows here.");

        Assert.Null(article.Published);
        Assert.Equal(2, article.Paragraphs.Count);
    }

    [Fact]
    public void Plain_text_takes_the_first_line_as_headline_and_the_last_as_byline()
    {
        var article = new PlainTextFormat().Read("seed.txt", TestCorpus.SeedText);

        Assert.Equal("U.S. officials say the Trump administration may soon deport immigrants to Libya.", article.Title);
        Assert.Equal("Camilo Montoya-Galvez", article.Author);
        Assert.Equal(14, article.Paragraphs.Count);
        Assert.StartsWith("The Trump administration may soon begin deporting", article.Paragraphs[0].Text);
        Assert.DoesNotContain(article.Paragraphs, p => p.Text.Contains("Montoya-Galvez", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_text_keeps_a_photo_caption_apart_from_its_credit()
    {
        var article = new PlainTextFormat().Read("seed.txt", TestCorpus.SeedText);

        var caption = Assert.Single(article.Paragraphs, p => p.Kind == ParagraphKind.Caption);
        Assert.Equal("Libyans walked around in Martyrs Square in Tripoli on April 28, 2025.", caption.Text);
        Assert.Equal("Mahmud Turkia/AFP via Getty Images", caption.Credit);
        Assert.Equal(7, caption.Number);
    }

    [Fact]
    public void Plain_text_without_a_byline_keeps_its_last_paragraph()
    {
        var article = new PlainTextFormat().Read("a.txt", "Headline\n\nFirst paragraph here.\n\nThe last paragraph is a real sentence.");

        Assert.Null(article.Author);
        Assert.Equal(2, article.Paragraphs.Count);
    }

    [Fact]
    public void Markdown_front_matter_gives_the_citation_its_metadata()
    {
        const string text = """
            ---
            title: "Port strike ends after six days"
            author: Jane Doe
            source: Harbor Gazette
            date: 2025-05-06
            url: https://example.com/port-strike
            ---
            The strike at the **port** ended on Tuesday, [officials said](https://example.com).

            Dockworkers return to work on Wednesday.
            """;

        var article = new MarkdownFormat().Read("port.md", text);

        Assert.Equal("Port strike ends after six days", article.Title);
        Assert.Equal("Jane Doe", article.Author);
        Assert.Equal("Harbor Gazette", article.Source);
        Assert.Equal(new DateTime(2025, 5, 6), article.Published!.Value.Date);
        Assert.Equal("https://example.com/port-strike", article.Url);
        Assert.Equal("The strike at the port ended on Tuesday, officials said.", article.Paragraphs[0].Text);
        Assert.Equal(2, article.Paragraphs.Count);
    }

    [Fact]
    public void Markdown_without_front_matter_takes_its_first_heading_as_title()
    {
        var article = new MarkdownFormat().Read("a.md", "# Council votes on budget\n\nThe council voted 5-2 on Monday.");

        Assert.Equal("Council votes on budget", article.Title);
        Assert.Single(article.Paragraphs);
    }

    [Fact]
    public void Markdown_with_broken_front_matter_is_rejected_with_the_reason()
    {
        var error = Assert.Throws<ArticleRejectedException>(() => new MarkdownFormat().Read("a.md", "---\ntitle: [unclosed\n---\nText."));

        Assert.Contains("front matter", error.Message);
    }

    [Fact]
    public void Html_reads_the_article_body_and_skips_page_furniture()
    {
        const string html = """
            <html><head>
              <title>Flood | Daily News</title>
              <meta property="og:title" content="River floods low-lying farms">
              <meta property="og:site_name" content="Daily News">
              <meta name="author" content="By Sam Lee">
              <meta property="article:published_time" content="2025-03-02T08:00:00Z">
              <link rel="canonical" href="https://news.example.com/flood">
            </head><body>
              <nav><p>Home | World | Sports</p></nav>
              <article>
                <h1>River floods low-lying farms</h1>
                <p>The river rose two meters overnight.</p>
                <figure><img src="x.jpg"><figcaption>Farmers move cattle on Sunday. <span class="credit">Ana Ruiz/Reuters</span></figcaption></figure>
                <p>About 300 families were <b>evacuated</b>.</p>
                <aside><p>Read more: other floods</p></aside>
              </article>
              <footer><p>Copyright Daily News</p></footer>
            </body></html>
            """;

        var article = new HtmlFormat().Read("flood.html", html);

        Assert.Equal("River floods low-lying farms", article.Title);
        Assert.Equal("Sam Lee", article.Author);
        Assert.Equal("Daily News", article.Source);
        Assert.Equal("https://news.example.com/flood", article.Url);
        Assert.Equal(2025, article.Published!.Value.Year);
        Assert.Equal(["The river rose two meters overnight.", "Farmers move cattle on Sunday.", "About 300 families were evacuated."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal("Ana Ruiz/Reuters", article.Paragraphs[1].Credit);
    }

    [Fact]
    public void Html_prefers_json_ld_metadata()
    {
        const string html = """
            <html><head><title>x</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Mayor resigns","author":[{"@type":"Person","name":"Ana Diaz"}],"publisher":{"name":"City Times"},"datePublished":"2024-11-05","url":"https://t.example/mayor"}</script>
            </head><body><p>The mayor resigned on Monday.</p></body></html>
            """;

        var article = new HtmlFormat().Read("m.html", html);

        Assert.Equal(("Mayor resigns", "Ana Diaz", "City Times", "https://t.example/mayor"), (article.Title, article.Author, article.Source, article.Url));
    }

    [Fact]
    public void A_corpus_file_that_is_not_an_article_is_skipped_with_a_reason_and_the_rest_still_read()
    {
        using var corpus = new TestCorpus();
        corpus.Write("good.txt", "Headline\n\nA paragraph of reporting.");
        corpus.WriteBytes("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A]);
        corpus.Write("empty.md", "   \n");
        corpus.WriteBytes("latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        corpus.Write("sheet.xlsx", "not really");

        var results = corpus.Corpus.ListFiles().Select(corpus.Corpus.Read).ToDictionary(r => r.File.Key);

        Assert.NotNull(results["good.txt"].Article);
        Assert.Contains("binary", results["photo.txt"].SkipReason);
        Assert.Contains("empty", results["empty.md"].SkipReason);
        Assert.Contains("UTF-8", results["latin1.txt"].SkipReason);
        Assert.Contains("unsupported", results["sheet.xlsx"].SkipReason);
    }
}
