using Microsoft.Bot.Schema;
using Newsroom.Bot.Channels.Teams;

namespace Newsroom.Bot.Tests;

public sealed class MentionTextTests
{
    private static readonly ChannelAccount Bot = new("28:bot-app-id", "Newsroom");

    private static Activity Message(string text, params Mention[] mentions) => new(ActivityTypes.Message)
    {
        Text = text,
        Recipient = Bot,
        Entities = [.. mentions.Select(AsReceived)],
    };

    /// <summary>An entity as the adapter deserialises it from JSON: a plain Entity with the mention's properties.</summary>
    private static Entity AsReceived(Mention mention)
    {
        var entity = new Entity();
        entity.SetAs(mention);
        return entity;
    }

    private static Mention MentionOf(ChannelAccount who, string? text = null) => new(who, text ?? $"<at>{who.Name}</at>", "mention");

    [Fact]
    public void The_bots_mention_is_removed_from_the_question()
    {
        var question = MentionText.Question(Message("<at>Newsroom</at> Who was deported to Libya?", MentionOf(Bot)));

        Assert.Equal("Who was deported to Libya?", question);
    }

    [Fact]
    public void The_mention_entity_decides_which_name_is_the_bot_even_after_a_rename()
    {
        var question = MentionText.Question(Message("<at>Newsroom Q&amp;A</at> Who was deported?", MentionOf(Bot, "<at>Newsroom Q&amp;A</at>")));

        Assert.Equal("Who was deported?", question);
    }

    [Fact]
    public void A_colleagues_mention_stays_in_the_question_as_their_name()
    {
        var colleague = new ChannelAccount("29:jane", "Jane Doe");

        var question = MentionText.Question(Message("<at>Newsroom</at> what did <at>Jane Doe</at> report on Libya?", MentionOf(Bot), MentionOf(colleague)));

        Assert.Equal("what did Jane Doe report on Libya?", question);
    }

    [Fact]
    public void A_bot_mention_without_an_entity_is_removed_by_the_bots_name()
    {
        var question = MentionText.Question(Message("Who was deported?\u00a0<at>Newsroom</at>\n"));

        Assert.Equal("Who was deported?", question);
    }

    [Fact]
    public void A_mention_entity_without_the_mentioned_account_is_ignored()
    {
        var broken = new Entity("mention");

        var question = MentionText.Question(new Activity(ActivityTypes.Message) { Text = "<at>Newsroom</at> Who?", Recipient = Bot, Entities = [broken] });

        Assert.Equal("Who?", question);
    }

    [Fact]
    public void A_message_without_mentions_is_only_trimmed()
    {
        Assert.Equal("Who was deported?", MentionText.Question(Message("  Who was deported?  ")));
        Assert.Equal(string.Empty, MentionText.Question(new Activity(ActivityTypes.Message)));
    }
}
