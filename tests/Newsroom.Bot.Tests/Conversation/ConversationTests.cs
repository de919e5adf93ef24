using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newsroom.Bot.Conversation;
using Newtonsoft.Json.Linq;

namespace Newsroom.Bot.Tests;

/// <summary>Conversations about the reporting, turn by turn: more, context, source, short follow-ups, a restart.</summary>
public sealed class ConversationTests : IDisposable
{
    private readonly StrikeCorpus _corpus = new();
    private readonly BotTestHarness _harness;

    public ConversationTests() => _harness = new BotTestHarness(corpusFolder: _corpus.Folder);

    private static string Text(IActivity reply) => ((IMessageActivity)reply).Text;

    [Fact]
    public async Task More_pages_through_the_answer_without_repeats_until_it_says_that_is_all()
    {
        var pages = new List<Dictionary<int, string>>();
        var ranOut = 0;
        void PageOrEnd(IActivity reply)
        {
            if (((IMessageActivity)reply).Text.StartsWith("That's all I have on this", StringComparison.Ordinal))
            {
                ranOut++;
                return;
            }

            Assert.Equal(0, ranOut); // once it has run out, it stays out
            Assert.StartsWith("More on *Which ports joined the strike?*", Text(reply));
            pages.Add(StrikeCorpus.Quotes(Text(reply)));
        }

        var flow = _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => pages.Add(StrikeCorpus.Quotes(Text(reply))));
        foreach (var more in new[] { "more", "More please", "show me more", "more", "more", "more" })
        {
            flow = flow.Send(more).AssertReply(PageOrEnd);
        }

        await flow.StartTestAsync();

        var shown = pages.SelectMany(page => page).ToList();
        Assert.True(ranOut >= 2, "the answers never ran out");
        Assert.All(pages.SkipLast(1), page => Assert.Equal(3, page.Count));
        Assert.Equal(Enumerable.Range(1, shown.Count), shown.Select(q => q.Key));
        Assert.Equal(shown.Count, shown.Select(q => q.Value).Distinct().Count());
        Assert.Subset(shown.Select(q => q.Value).ToHashSet(), StrikeCorpus.PortSentences.ToHashSet());
        Assert.True(pages.Count >= 3, "the eight port sentences alone make three pages");
    }

    [Theory]
    [InlineData("What did we report in May 2025 about ports joining the strike?", "Here is what we reported in May 2025:", 8)]
    [InlineData("What did Harbor Gazette report about ports joining the strike?", "Here is what we reported from Harbor Gazette:", 5)]
    public async Task More_after_a_question_limited_by_date_or_source_stays_within_the_limit(string question, string heading, int sentencesWithin)
    {
        // A June story from another paper says the same things: "more" must not wander into it.
        File.WriteAllText(Path.Combine(_corpus.Folder, "june-strike.md"), """
            ---
            title: Second strike wave hits northern ports
            source: Coast Times
            date: 2025-06-10
            ---
            The port of Oslo joined the strike on Monday.

            The port of Bergen joined the strike, dockworkers said.

            The port of Aarhus joined the strike on Tuesday.

            The port of Gothenburg joined the strike in June.
            """);
        // Restarted between the question and "more" over a JSON store, so the limit must survive serialisation.
        var saved = new Dictionary<string, JObject>();
        var shown = new List<string>();
        using (var before = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved)))
        {
            await before.Flow()
                .Send(question)
                .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
                .AssertReply(reply =>
                {
                    Assert.StartsWith(heading, Text(reply));
                    shown.AddRange(StrikeCorpus.Quotes(Text(reply)).Values);
                })
                .StartTestAsync();
        }

        using var after = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved));
        var flow = after.Flow();
        var ranOut = false;
        for (var page = 0; page < 4; page++)
        {
            flow = flow.Send("more").AssertReply(reply =>
            {
                if (Text(reply).StartsWith("That's all I have on this", StringComparison.Ordinal))
                {
                    ranOut = true;
                    return;
                }

                Assert.False(ranOut, "more answered again after saying that was all");
                shown.AddRange(StrikeCorpus.Quotes(Text(reply)).Values);
            });
        }

        await flow.StartTestAsync();

        Assert.True(ranOut, "the answers within the limit never ran out");
        Assert.DoesNotContain(shown, quote => quote.Contains("Oslo") || quote.Contains("Bergen") || quote.Contains("Aarhus") || quote.Contains("Gothenburg"));
        Assert.Empty(shown.Intersect(StrikeCorpus.PortSentences.Skip(sentencesWithin))); // articles outside the limit
        Assert.Subset(shown.ToHashSet(), StrikeCorpus.PortSentences.Take(sentencesWithin).ToHashSet()); // every port within it, in the end
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Fact]
    public async Task More_before_any_answer_asks_for_a_question_first()
    {
        await _harness.Flow()
            .Send("more")
            .AssertReply(reply => Assert.StartsWith("There's no answer to follow up on yet", Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task Context_shows_the_paragraph_with_the_quoted_sentence_in_bold()
    {
        await _harness.Flow()
            .Send("what about Antwerp?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => Assert.DoesNotContain("Taking that as", Text(reply))) // nothing to follow up yet: a question of its own
            .Send(StrikeCorpus.Question)
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(_ => { })
            .Send("and Antwerp?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => Assert.Contains("Antwerp", StrikeCorpus.Quotes(Text(reply))[1]))
            .Send("show the paragraph")
            .AssertReply(reply =>
            {
                var text = Text(reply);
                Assert.StartsWith("The paragraph around quote 1 (paragraph 2 of *Dockworkers strike spreads along the coast*)", text);
                Assert.Contains("> **The port of Antwerp joined the strike a day later, union leaders said.** Ships queued outside the locks.", text);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Context_with_a_number_shows_that_quotes_paragraph()
    {
        var second = string.Empty;
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(reply => second = StrikeCorpus.Quotes(Text(reply))[2])
            .Send("context 2")
            .AssertReply(reply =>
            {
                Assert.StartsWith("The paragraph around quote 2 ", Text(reply));
                Assert.Contains($"**{ReplyRenderer.Escape(second)}**", Text(reply));
            })
            .Send("context 7")
            .AssertReply(reply => Assert.Equal("There is no quote 7 in this conversation; I have shown quotes 1 to 3.", Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task Source_gives_title_byline_date_and_link_of_the_quoted_article()
    {
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("and Antwerp?")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("source 1")
            .AssertReply(reply => Assert.Equal(
                "That is from:\n\n- **Dockworkers strike spreads along the coast**, by Jane Doe, Harbor Gazette, 6 May 2025 (quote 1) · " +
                "[https\\://example\\.com/port-strike](https://example.com/port-strike)",
                Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task Source_without_a_number_lists_every_article_of_the_last_reply()
    {
        var quotes = new Dictionary<int, string>();
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("and Genoa?")
            .AssertReply(_ => { })
            .AssertReply(reply => quotes = StrikeCorpus.Quotes(Text(reply)))
            .Send("Which article?")
            .AssertReply(reply =>
            {
                var text = Text(reply);
                Assert.Contains("- **Strike update \\(day three\\)**, by John Roe, 8 May 2025 (quote", text);
                Assert.Contains("no link on file", text);
                foreach (var number in quotes.Keys)
                {
                    Assert.Matches($@"\(quotes? (\d+, )*{number}\b", text);
                }
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_short_follow_up_is_read_against_the_previous_question_and_says_so()
    {
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("And Genoa?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply =>
            {
                Assert.StartsWith("Taking that as: *Which ports joined the strike, and Genoa?*", Text(reply));
                Assert.Equal(StrikeCorpus.PortSentences[6], StrikeCorpus.Quotes(Text(reply))[1]);
            })
            .Send("what about Valencia?")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                // Read against the thread's topic, not piled onto "And Genoa?".
                Assert.StartsWith("Taking that as: *Which ports joined the strike, what about Valencia?*", Text(reply));
                Assert.Equal(StrikeCorpus.PortSentences[7], StrikeCorpus.Quotes(Text(reply))[1]);
            })
            .Send("when?")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.StartsWith("Taking that as: *When ports joined the strike, what about Valencia?*", Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task Bare_follow_ups_in_a_row_replace_the_question_word_and_find_different_sentences()
    {
        File.WriteAllText(Path.Combine(_corpus.Folder, "storm.md"), """
            ---
            title: Storm Mara reaches the coast
            date: 2025-09-12
            ---
            Forecasters expected the storm to make landfall near Port Elena.

            The storm did make landfall shortly before dawn on 12 September 2025.

            Governor Ana Ruiz said the storm would make landfall with winds of 180 km/h.
            """);
        using var harness = new BotTestHarness(corpusFolder: _corpus.Folder);
        var replies = new List<Dictionary<int, string>>();
        await harness.Flow()
            .Send("Where did the storm make landfall?")
            .AssertReply(_ => { })
            .AssertReply(reply => replies.Add(StrikeCorpus.Quotes(Text(reply))))
            .Send("when?")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                Assert.StartsWith("Taking that as: *When did the storm make landfall?*", Text(reply));
                replies.Add(StrikeCorpus.Quotes(Text(reply)));
            })
            .Send("who said that?")
            .AssertReply(_ => { })
            .AssertReply(reply =>
            {
                Assert.StartsWith("Taking that as: *Who said the storm make landfall?*", Text(reply));
                replies.Add(StrikeCorpus.Quotes(Text(reply)));
            })
            .StartTestAsync();

        // "when?" finds the date; "who said that?" is no longer read as a "when" question, so it does not repeat it.
        Assert.Equal("The storm did make landfall shortly before dawn on 12 September 2025.", replies[1][1]);
        Assert.NotEqual(replies[1][1], replies[2][1]);
        Assert.Contains("Governor Ana Ruiz said the storm would make landfall with winds of 180 km/h.", replies[2].Values);
    }

    [Fact]
    public async Task A_follow_up_works_after_the_bot_restarts_with_a_persistent_store()
    {
        // Two storages over one dictionary of JSON documents: what a file or database store keeps
        // across a restart. The second bot has nothing in memory but what the store gives back.
        var saved = new Dictionary<string, JObject>();
        var firstQuotes = new Dictionary<int, string>();
        using (var before = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved)))
        {
            await before.Flow()
                .Send(StrikeCorpus.Question)
                .AssertReply(_ => { })
                .AssertReply(reply => firstQuotes = StrikeCorpus.Quotes(Text(reply)))
                .StartTestAsync();
        }

        using var after = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved));
        await after.Flow()
            .Send("more")
            .AssertReply(reply =>
            {
                var next = StrikeCorpus.Quotes(Text(reply));
                Assert.Equal([4, 5, 6], next.Keys);
                Assert.Empty(next.Values.Intersect(firstQuotes.Values));
            })
            .Send("context 1")
            .AssertReply(reply => Assert.Contains($"**{ReplyRenderer.Escape(firstQuotes[1])}**", Text(reply)))
            .Send("and Hamburg?")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.Equal(StrikeCorpus.PortSentences[2], StrikeCorpus.Quotes(Text(reply))[1]))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_new_question_that_is_not_found_ends_the_thread()
    {
        await _harness.Flow()
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("What is the recipe for chocolate cake?")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.StartsWith("I couldn't find that", Text(reply)))
            .Send("more")
            .AssertReply(reply => Assert.StartsWith("There's no answer to follow up on yet", Text(reply)))
            .StartTestAsync();
    }

    [Fact]
    public async Task More_after_latest_on_a_topic_lists_older_articles_on_it_even_after_a_restart()
    {
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(Path.Combine(_corpus.Folder, $"council-{i}.md"), $"---\ntitle: Council meeting {i}\ndate: 2025-02-{i + 1:00}\n---\nThe council voted on the harbour budget, meeting {i}.\n");
        }

        // Restarted between the listing and "more" over a JSON store, so what was listed must survive serialisation.
        var saved = new Dictionary<string, JObject>();
        string first = string.Empty;
        using (var before = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved)))
        {
            await before.Flow()
                .Send("latest on the harbour budget")
                .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
                .AssertReply(reply => first = Text(reply))
                .StartTestAsync();
        }

        using var after = new BotTestHarness(corpusFolder: _corpus.Folder, storage: new MemoryStorage(saved));
        await after.Flow()
            .Send("more")
            .AssertReply(reply =>
            {
                Assert.StartsWith("More on *latest on the harbour budget*", Text(reply));
                Assert.Contains("Older reporting on the harbour budget", Text(reply));
                Assert.Contains("Council meeting 1", Text(reply));
                Assert.Contains("Council meeting 0", Text(reply));
                Assert.DoesNotContain("Council meeting 4", Text(reply));
                Assert.True(Text(reply).IndexOf("Council meeting 1", StringComparison.Ordinal) < Text(reply).IndexOf("Council meeting 0", StringComparison.Ordinal), "most recent first");
            })
            .Send("more")
            .AssertReply(reply => Assert.StartsWith("That's all I have on this", Text(reply)))
            .StartTestAsync();
        Assert.Contains("Council meeting 4", first);
        Assert.DoesNotContain("Council meeting 1", first);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _corpus.Dispose();
    }
}
