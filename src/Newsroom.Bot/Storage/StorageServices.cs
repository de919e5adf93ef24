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
