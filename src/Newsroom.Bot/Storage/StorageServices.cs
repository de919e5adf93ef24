using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsroom.Bot.Composition;
using StackExchange.Redis;

namespace Newsroom.Bot.Storage;

/// <summary>The Bot Framework <see cref="IStorage"/> the bot's state lives in.</summary>
public static class StorageServices
{
    /// <summary>
    /// Conversation state in Redis when "Storage:Redis" is configured (several instances behind a
    /// load balancer), otherwise in this process's memory, bounded in size and time
    /// (<see cref="MemoryStateStorage"/>; one process, no server needed).
    /// </summary>
    public static WebApplicationBuilder AddNewsroomStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var redis = builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Redis)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<IStorage>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return new MemoryStateStorage(options.MemoryBytes, options.ExpiryHours > 0 ? TimeSpan.FromHours(options.ExpiryHours) : null, sp.GetRequiredService<TimeProvider>());
            });
            return builder;
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself.
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<IStorage>(sp =>
        {
            var hours = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ExpiryHours;
            return new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), timeToLive: hours > 0 ? TimeSpan.FromHours(hours) : null);
        });
        // Connect while the host starts, in the background: the first conversations no longer wait
        // seconds for the connection, and a Redis that is down does not hold up the start.
        builder.Services.AddHostedService<RedisConnectionWarmUp>();
        return builder;
    }
}
