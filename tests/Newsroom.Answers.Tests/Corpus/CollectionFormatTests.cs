using Newsroom.Answers.Corpus;

namespace Newsroom.Answers.Tests;

/// <summary>Files that hold several articles: JSON, JSON Lines, RSS and Atom feeds.</summary>
public sealed class CollectionFormatTests
{
    private static ReadResult Read(string name, string text)
    {
        using var corpus = new TestCorpus();
        corpus.Write(name, text);
        return corpus.Corpus.Read(corpus.Corpus.ListFiles().Single());
    }

    [Fact]
    public void A_json_object_is_one_article_keyed_by_its_file()
    {
        var result = Read("strike.json", """
            { "title": "Port strike ends", "author": "Jane Doe", "source": "Harbor Gazette", "date": "2025-05-06",
              "url": "https://example.com/port", "body": "The strike ended on Tuesday.\n\nDockworkers return on Wednesday." }
            """);

        var article = Assert.Single(result.Articles);
        Assert.Equal(("strike.json", "Port strike ends", "Jane Doe", "Harbor Gazette"), (article.Key, article.Title, article.Author, article.Source));
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("https://example.com/port", article.Url);
        Assert.Equal(["The strike ended on Tuesday.", "Dockworkers return on Wednesday."], article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void A_json_array_yields_one_article_per_item_and_understands_common_field_names()
    {
        var result = Read("export.json", """
            [
              { "headline": "Zoo opens panda house", "byline": "By John Roe", "published": "June 1, 2025", "link": "https://example.com/zoo",
                "content": ["The city zoo opened a new panda house.", "Tickets cost ten dollars."] },
              { "name": "Not an article" },
              { "title": "Bridge closes", "publisher": { "name": "City Times" }, "text": "The bridge closes on Monday." }
            ]
            """);

        Assert.Equal(["export.json#0", "export.json#2"], result.Articles.Select(a => a.Key));
        var zoo = result.Articles[0];
        Assert.Equal(("Zoo opens panda house", "John Roe", "https://example.com/zoo"), (zoo.Title, zoo.Author, zoo.Url));
        Assert.Equal(2, zoo.Paragraphs.Count);
        Assert.Equal("City Times", result.Articles[1].Source);
    }

    [Fact]
    public void Broken_json_is_skipped_with_the_line_that_is_wrong()
    {
        var result = Read("broken.json", "{\n  \"title\": \"Half written\",\n  \"body\": \"The sto");

        Assert.Empty(result.Articles);
        Assert.StartsWith("not valid JSON (line 3", result.SkipReason);
    }

    [Fact]
    public void Json_lines_read_one_article_per_line_and_a_half_written_line_rejects_the_file()
    {
        var complete = Read("wire.jsonl", """
            {"title": "Storm nears coast", "body": "A storm is expected to reach the coast on Friday."}

            {"title": "Ferry resumes", "body": "The ferry resumes service on Saturday."}
            """);
        var halfWritten = Read("wire.ndjson", "{\"title\": \"Storm nears coast\", \"body\": \"A storm.\"}\n{\"title\": \"Ferry re");

        Assert.Equal(["wire.jsonl#0", "wire.jsonl#2"], complete.Articles.Select(a => a.Key));
        Assert.Empty(halfWritten.Articles);
        Assert.StartsWith("line 2 is not valid JSON", halfWritten.SkipReason);
    }

    [Fact]
    public void Rss_items_are_articles_with_the_feed_title_as_their_source()
    {
        var result = Read("feed.rss", """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>City Times</title><link>https://example.com</link><description>News</description>
              <item><title>Library extends hours</title><link>https://example.com/library</link><author>desk@example.com (Ann Lee)</author>
                <pubDate>Tue, 06 May 2025 09:00:00 GMT</pubDate>
                <description>&lt;p&gt;The library will open until 10 p.m.&lt;/p&gt;&lt;p&gt;The change starts in June.&lt;/p&gt;</description></item>
              <item><title>Market reopens</title><description>The market reopens on Sunday.</description></item>
            </channel></rss>
            """);

        Assert.Equal(["feed.rss#0", "feed.rss#1"], result.Articles.Select(a => a.Key));
        var library = result.Articles[0];
        Assert.Equal(("Library extends hours", "City Times", "https://example.com/library"), (library.Title, library.Source, library.Url));
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 9, 0, 0, TimeSpan.Zero), library.Published);
        Assert.Equal(["The library will open until 10 p.m.", "The change starts in June."], library.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Atom_entries_are_articles()
    {
        var result = Read("feed.atom", """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor Gazette</title><id>urn:feed</id><updated>2025-05-07T00:00:00Z</updated>
              <entry><title>Port strike ends</title><id>urn:1</id><updated>2025-05-07T00:00:00Z</updated><published>2025-05-06T12:00:00Z</published>
                <author><name>Jane Doe</name></author><link rel="alternate" href="https://example.com/port"/>
                <content type="text">The strike ended on Tuesday.

            Dockworkers return on Wednesday.</content></entry>
            </feed>
            """);

        var article = Assert.Single(result.Articles);
        Assert.Equal(("Port strike ends", "Jane Doe", "Harbor Gazette", "https://example.com/port"), (article.Title, article.Author, article.Source, article.Url));
        Assert.Equal(2, article.Paragraphs.Count);
    }

    [Fact]
    public void A_feed_that_declares_entities_is_rejected_before_any_is_expanded()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var result = Read("evil.xml", $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY leak SYSTEM "file://{secret}"> ]>
                <rss version="2.0"><channel><title>x</title><item><title>&leak;</title><description>&leak;</description></item></channel></rss>
                """);

            Assert.Empty(result.Articles);
            Assert.Contains("DTD", result.SkipReason);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_xml_file_that_is_not_a_feed_is_skipped_with_a_reason()
    {
        var result = Read("settings.xml", "<configuration><add key=\"a\" value=\"b\"/></configuration>");

        Assert.Empty(result.Articles);
        Assert.StartsWith("not an RSS 2.0 or Atom feed", result.SkipReason);
    }
}
