namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>What a local Direct Line token allows: reading and writing one conversation, as one user, until it expires.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset Expires);
