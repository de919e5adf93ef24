using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <summary>
    /// Redis when "Storage:Redis" is configured (several instances behind a load balancer), in place
    /// of the MemoryStorage <see cref="NewsroomServices.AddNewsroomBot"/> registers for conversation
    /// state (one process, no server needed); without it, that registration stays as it is.
    /// </summary>
    public static WebApplicationBuilder AddNewsroomStorage(this WebApplicationBuilder builder)
    {
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
        builder.Services.Replace(ServiceDescriptor.Singleton<IStorage>(sp => new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase())));
        return builder;
    }
}
