using System.ComponentModel.DataAnnotations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsroom.Bot.Storage;
using StackExchange.Redis;

namespace Newsroom.Bot.Hosting;

/// <summary>Where conversation state is kept. Bound from the "Storage" section of appsettings.json.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// A StackExchange.Redis connection string ("localhost:6379"): when set, conversation state is
    /// kept in Redis and shared by every instance of the bot; when empty, in this process's memory.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// In Redis, a conversation's state is forgotten this many hours after its last turn (0: never).
    /// What it holds (the last question, the sentences cited) is only useful for follow-ups, and
    /// without an expiry every conversation ever held would stay in Redis for good.
    /// </summary>
    [Range(0, 24 * 365)]
    public int ExpiryHours { get; set; } = 168;
}

/// <summary>The Bot Framework <see cref="IStorage"/> the bot's state lives in.</summary>
public static class StorageServices
{
    /// <summary>
    /// Redis when "Storage:Redis" is configured (several instances behind a load balancer), in place
    /// of the MemoryStorage <see cref="NewsroomServices.AddNewsroomBot"/> registers for conversation
    /// state (one process, no server needed); without it, that registration stays as it is.
    /// </summary>
    public static WebApplicationBuilder AddNewsroomStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var redis = builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Redis)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton<IStorage>(_ => new MemoryStorage());
            return builder;
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself.
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        // Replace, not add: exactly one IStorage, so nothing can resolve the memory one by mistake.
        builder.Services.Replace(ServiceDescriptor.Singleton<IStorage>(sp =>
        {
            var hours = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ExpiryHours;
            return new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), timeToLive: hours > 0 ? TimeSpan.FromHours(hours) : null);
        }));
        // Connect while the host starts, in the background: the first conversations no longer wait
        // seconds for the connection, and a Redis that is down does not hold up the start.
        builder.Services.AddHostedService<RedisConnectionWarmUp>();
        return builder;
    }
}

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
