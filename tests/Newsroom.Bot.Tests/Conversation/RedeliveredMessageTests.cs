using Newsroom.Bot.Conversation;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The same message delivered twice: a load balancer resends it when the instance that took it
/// died (nginx's proxy_next_upstream), a channel when it got no reply in time. The first delivery
/// may already have saved the thread before its reply was lost. Through the real host over HTTP,
/// because the activity's id is what tells a redelivery from a new message (TestAdapter renumbers ids).
/// </summary>
public sealed class RedeliveredMessageTests
{
    private const string Question = "Which countries did U.S. officials approach about deportation deals?";

    [Fact]
    public async Task More_delivered_again_gets_the_same_quotes_and_the_thread_goes_on_as_if_it_came_once()
    {
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("q-1", Question);
        var first = await conversation.SendAsync("more-1", "more");
        var again = await conversation.SendAsync("more-1", "more");
        var next = await conversation.SendAsync("more-2", "more");

        Assert.StartsWith("More on *", first);
        Assert.Contains("4. “", first);
        Assert.Equal(first, again);
        Assert.StartsWith("That's all I have on this", next); // the seed article has four quotes: 1-3, then 4
        Assert.Contains(host.Logs.Entries, line => line.Contains("more-1", StringComparison.Ordinal) && line.Contains("delivered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unanswered_question_delivered_again_is_recorded_once()
    {
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("cake-1", "What is the recipe for chocolate cake?");
        await conversation.SendAsync("cake-1", "What is the recipe for chocolate cake?");
        await conversation.SendAsync("cake-2", "What is the recipe for chocolate cake?");

        var recorded = Newsroom.Bot.Feedback.UnansweredLog.Read(host.UnansweredFile, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)).Questions;
        Assert.Equal(2, recorded.Count); // the redelivery is not a second asking; the same words in a new message are
    }

    [Fact]
    public async Task The_same_words_in_a_new_message_are_a_new_turn()
    {
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("q-1", Question);
        var first = await conversation.SendAsync("more-1", "more");
        var second = await conversation.SendAsync("more-2", "more");

        Assert.Contains("4. “", first);
        Assert.StartsWith("That's all I have on this", second);
    }

    [Fact]
    public async Task A_reused_id_with_other_words_is_a_new_message()
    {
        // curl users copy the README's example and keep its "id": "1"; that is not a redelivery.
        await using var host = new BotHost();
        var conversation = new Conversation(host.CreateClient());

        await conversation.SendAsync("1", Question);
        var more = await conversation.SendAsync("1", "more");
        var source = await conversation.SendAsync("1", "source");

        Assert.Contains("4. “", more);
        Assert.Contains("(quote 4)", source);
    }

    [Fact]
    public void Every_part_of_the_thread_is_put_back_for_a_redelivered_message()
    {
        // A field added to ConversationMemory must either be in the snapshot or be named here as
        // not part of the thread; otherwise a redelivery would keep the first delivery's value.
        string[] notThread = [nameof(ConversationMemory.Answers), nameof(ConversationMemory.LastMessage), nameof(ConversationMemory.BeforeLastMessage)];
        var snapshot = typeof(ThreadSnapshot).GetConstructors().Single().GetParameters().Select(p => p.Name).ToHashSet();
        var stored = typeof(ConversationMemory).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);

        Assert.Empty(stored.Except(notThread).Except(snapshot));
    }

    [Fact]
    public void A_redelivered_message_puts_back_the_thread_and_forgets_answers_given_since()
    {
        var memory = new ConversationMemory { Topic = "ports", Question = "ports", Limit = new ThreadLimit("ports", null, null, "Harbor Gazette"), Terms = ["port"], Offset = 3, LastReplyFirst = 1 };
        memory.Shown.Add(new ShownCitation(1, "a.md", 1, 1, "Rotterdam joined."));
        memory.Answers.Add(new GivenAnswer("before", null, "ports", []));
        memory.BeginMessage("m1", "more");
        memory.Topic = memory.Question = "changed";
        memory.Limit = null;
        memory.Terms = [];
        memory.Shown.Add(new ShownCitation(2, "a.md", 2, 1, "Antwerp joined."));
        (memory.Offset, memory.LastReplyFirst, memory.Exhausted) = (4, 2, true);
        memory.Answers.Add(new GivenAnswer("during", null, "ports", []));

        var redelivered = memory.BeginMessage("m1", "more");

        Assert.True(redelivered);
        Assert.Equal(("ports", "ports", "Harbor Gazette", 3, 1, false), (memory.Topic, memory.Question, memory.Limit?.Source, memory.Offset, memory.LastReplyFirst, memory.Exhausted));
        Assert.Equal(["port"], memory.Terms);
        Assert.Equal([1], memory.Shown.Select(c => c.Number));
        Assert.Equal(["before"], memory.Answers.Select(a => a.Id));
    }

    /// <summary>One Emulator-mode conversation over HTTP with expectReplies, with the ids chosen by the test.</summary>
    private sealed class Conversation(HttpClient client)
    {
        private readonly string _id = "conversation-" + Guid.NewGuid();

        public Task<string> SendAsync(string activityId, string text) =>
            ExpectReplies.AskAsync(client, TestActivity.Message(text) with { Id = activityId, ConversationId = _id });
    }
}
