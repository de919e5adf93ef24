using Microsoft.Bot.Schema;

namespace Newsroom.Bot.Tests;

public sealed class NewsroomBotTests : IDisposable
{
    private readonly BotTestHarness _harness = new();

    [Fact]
    public async Task A_new_member_is_welcomed_with_what_the_bot_knows_and_an_example()
    {
        var joined = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [new ChannelAccount("user1", "Reporter")],
        };

        await _harness.Flow()
            .Send(joined)
            .AssertReply(reply =>
            {
                var text = ((IMessageActivity)reply).Text;
                Assert.Contains("1 article", text);
                Assert.Contains("16 sentences", text);
                Assert.Contains("Which countries did U.S. officials approach about deportation deals?", text);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Many_people_joining_at_once_get_one_welcome()
    {
        var joined = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [.. Enumerable.Range(0, 12_000).Select(i => new ChannelAccount($"user{i}"))],
        };

        await _harness.Flow()
            .Send(joined)
            .AssertReply(reply => Assert.Contains("Which countries did U.S. officials approach about deportation deals?", ((IMessageActivity)reply).Text))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_bot_joining_is_not_welcomed()
    {
        var botJoined = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [new ChannelAccount("bot", "Bot")],
        };

        await _harness.Flow()
            .Send(botJoined)
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_question_gets_a_typing_indicator_then_the_cited_sentence()
    {
        await _harness.Flow()
            .Send("Which countries did U.S. officials approach about deportation deals?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply =>
            {
                var message = (IMessageActivity)reply;
                Assert.Equal(TextFormatTypes.Markdown, message.TextFormat);
                Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", message.Text);
                Assert.Contains("*U.S. officials say the Trump administration may soon deport immigrants to Libya.*", message.Text);
                Assert.Contains("by Camilo Montoya-Galvez", message.Text);
                Assert.Contains("paragraph 13, sentence 1", message.Text);
                Assert.Contains("**officials**", message.Text);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_question_the_reporting_does_not_answer_gets_a_plain_no()
    {
        await _harness.Flow()
            .Send("What is the recipe for chocolate cake?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply =>
            {
                var text = ((IMessageActivity)reply).Text;
                Assert.StartsWith("I couldn't find that in the reporting", text);
                Assert.DoesNotContain("paragraph", text);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("help")]
    [InlineData("Help")]
    [InlineData("?")]
    public async Task Help_explains_what_to_ask_and_how_answers_are_cited(string message)
    {
        await _harness.Flow()
            .Send(message)
            .AssertReply(reply =>
            {
                var text = ((IMessageActivity)reply).Text;
                Assert.Contains("paragraph and sentence number", text);
                Assert.Contains("couldn't find it", text);
                Assert.Contains("Which countries did U.S. officials approach", text);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("", "Ask me a question")]
    [InlineData("🙂🙂🙂", "couldn't find any words")]
    [InlineData("title:\"x\" AND (", "couldn't find that")]
    public async Task Odd_messages_get_a_polite_answer(string message, string expected)
    {
        await _harness.Flow()
            .Send(message)
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => Assert.Contains(expected, ((IMessageActivity)reply).Text))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_very_long_message_is_refused_politely()
    {
        await _harness.Flow()
            .Send(new string('a', 5000))
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply => Assert.Contains("5,000 characters", ((IMessageActivity)reply).Text))
            .StartTestAsync();
    }

    [Fact]
    public async Task Asking_what_articles_there_are_lists_the_headlines()
    {
        await _harness.Flow()
            .Send("What articles do you have?")
            .AssertReply(reply => Assert.Equal(ActivityTypes.Typing, reply.Type))
            .AssertReply(reply =>
            {
                var text = ((IMessageActivity)reply).Text;
                Assert.StartsWith("I have 1 article, most recent first:", text);
                Assert.Contains("U.S. officials say the Trump administration may soon deport immigrants to Libya.", text);
                Assert.Contains("by Camilo Montoya-Galvez", text);
            })
            .StartTestAsync();
    }

    public void Dispose() => _harness.Dispose();
}
