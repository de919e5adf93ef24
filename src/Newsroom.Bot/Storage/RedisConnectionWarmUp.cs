using StackExchange.Redis;

namespace Newsroom.Bot.Storage;

/// <summary>
/// Makes the Redis connection as the host starts, without waiting for it: DI builds the singleton
/// once, so a request that comes first waits for this connection instead of starting another.
/// </summary>
internal sealed class RedisConnectionWarmUp(IServiceProvider services, ILogger<RedisConnectionWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            try
            {
                var connection = services.GetRequiredService<IConnectionMultiplexer>();
                logger.LogInformation("Conversation state in Redis ({Connected})", connection.IsConnected ? "connected" : "not reachable yet; retrying in the background");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Could not set up the Redis connection for conversation state");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
