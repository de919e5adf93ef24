using Microsoft.Bot.Builder;
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
}

/// <summary>The Bot Framework <see cref="IStorage"/> the bot's state lives in.</summary>
public static class StorageServices
{
    /// <summary>Redis when "Storage:Redis" is configured (several instances behind a load balancer), else the SDK's MemoryStorage (one process, no server needed).</summary>
    public static WebApplicationBuilder AddNewsroomStorage(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Redis)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<IStorage, MemoryStorage>();
            return builder;
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself.
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<IStorage>(sp => new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase()));
        return builder;
    }
}
