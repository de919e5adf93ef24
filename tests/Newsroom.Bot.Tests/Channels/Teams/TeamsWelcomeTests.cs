using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using ChannelIds = Microsoft.Bot.Connector.Channels;

namespace Newsroom.Bot.Tests;

/// <summary>
/// When the bot says hello, per channel. Teams sends installationUpdate "add" once when the app
/// is added to a personal chat, a group chat or a team; its conversationUpdate lists only the bot
/// for a personal install, and every new member of a team. The Emulator and Web Chat send
/// conversationUpdate with the user who opened the conversation.
/// </summary>
public sealed class TeamsWelcomeTests : IDisposable
{
    private const string BotId = "28:6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    private readonly BotTestHarness _harness = new();

    private static ConversationReference Teams(string conversationType) => new()
    {
        ChannelId = ChannelIds.Msteams,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Bot = new ChannelAccount(BotId, "Newsroom"),
        User = new ChannelAccount("29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ", "Megan Bowen"),
        Conversation = new ConversationAccount(
            isGroup: conversationType != "personal",
            conversationType: conversationType,
            id: conversationType == "personal" ? "a:1pL6Zx3b0Xq" : "19:b4c2e0d1a3f94c0e8f1e6a7d2c3b4a5f@thread.tacv2",
            tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47"),
    };

    private static Activity Installed(string action = "add") => new(ActivityTypes.InstallationUpdate) { Action = action };

    private static Activity MembersAdded(string memberId, string? teamsEvent = null) => new(ActivityTypes.ConversationUpdate)
    {
        MembersAdded = [new ChannelAccount(memberId)],
        ChannelData = teamsEvent is null ? null : JObject.FromObject(new TeamsChannelData { EventType = teamsEvent, Team = new TeamInfo("19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2") }),
    };

    private static string Text(IActivity reply) => ((IMessageActivity)reply).Text;

    [Fact]
    public async Task Installing_the_app_for_yourself_in_Teams_brings_one_welcome()
    {
        // What Teams sends for a personal install: the bot joining (the only member listed), and the installation.
        await _harness.Flow(Teams("personal"))
            .Send(MembersAdded(BotId))
            .AssertNoReply()
            .Send(Installed())
            .AssertReply(reply =>
            {
                Assert.StartsWith("Hello! I answer questions from the newsroom's reporting", Text(reply));
                Assert.Contains("Which countries did U.S. officials approach about deportation deals?", Text(reply));
                Assert.DoesNotContain("@", Text(reply)); // in a personal chat there is nobody else to mention
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Adding_the_app_to_a_group_chat_or_a_team_brings_one_welcome_that_says_to_mention_the_bot(string conversationType)
    {
        await _harness.Flow(Teams(conversationType))
            .Send(MembersAdded(BotId, conversationType == "channel" ? "teamMemberAdded" : null))
            .AssertNoReply()
            .Send(Installed())
            .AssertReply(reply =>
            {
                Assert.StartsWith("Hello! I answer questions from the newsroom's reporting", Text(reply));
                Assert.Contains("@mention me", Text(reply));
                Assert.Contains("@Newsroom", Text(reply));
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task People_joining_a_team_that_has_the_bot_are_not_greeted_one_by_one()
    {
        var flow = _harness.Flow(Teams("channel"));
        foreach (var member in new[] { "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ", "29:2bCdEfGhIjKlMnOpQrStUvWxYzA", "29:3cDeFgHiJkLmNoPqRsTuVwXyZaB" })
        {
            flow = flow.Send(MembersAdded(member, "teamMemberAdded")).AssertNoReply();
        }

        await flow.StartTestAsync();
    }

    [Theory]
    [InlineData("add-upgrade")] // a new version of the app: the people using it have been greeted already
    [InlineData("remove")]
    [InlineData("remove-upgrade")]
    public async Task Upgrading_or_removing_the_app_in_Teams_says_nothing(string action)
    {
        await _harness.Flow(Teams("personal"))
            .Send(Installed(action))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Theory]
    [InlineData(ChannelIds.Emulator)]
    [InlineData(ChannelIds.Webchat)]
    [InlineData(ChannelIds.Directline)]
    public async Task In_the_Emulator_and_Web_Chat_the_user_opening_the_conversation_is_welcomed_without_mention_advice(string channelId)
    {
        await _harness.Flow(channelId)
            .Send(MembersAdded("bot"))
            .AssertNoReply()
            .Send(MembersAdded("user1"))
            .AssertReply(reply =>
            {
                Assert.StartsWith("Hello! I answer questions from the newsroom's reporting", Text(reply));
                Assert.DoesNotContain("@mention", Text(reply));
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    public void Dispose() => _harness.Dispose();
}
