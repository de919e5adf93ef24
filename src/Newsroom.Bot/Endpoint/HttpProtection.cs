using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using System.Net;
using System.Threading.RateLimiting;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// HTTP hardening of the host: the client's address as a trusted reverse proxy forwards it
/// (ASP.NET Core's forwarded-headers middleware), request body limits on the bot's endpoints, a
/// per-client rate limit on the web-chat channel (ASP.NET Core's rate limiter, partitioned by client
/// address), and security headers on every response. Bad input gets a 4xx with a short plain message, never a 500.
/// </summary>
public static class HttpProtection
{
    /// <summary>The rate-limiting policy of the web-chat (Direct Line) channel.</summary>
    public const string WebChatPolicy = "web-chat";

    /// <summary>Where the local Direct Line channel of the web chat lives.</summary>
    public static readonly PathString WebChatPrefix = "/v3/directline";

    private static readonly PathString MessagesPath = "/api/messages";

    /// <summary>Options, and the rate limiter with the <see cref="WebChatPolicy"/> policy.</summary>
    public static WebApplicationBuilder AddNewsroomHttpProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpProtectionOptions>().BindConfiguration(HttpProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpProtectionOptions>>((forwarded, http) =>
        {
            // The defaults believe a proxy on loopback only; Http:KnownProxies adds the others.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in http.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }

                // Anything else stops the start-up with a message naming the setting (HttpProtectionOptions.Validate).
            }
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.Response.WriteAsync("Too many requests from your address; please wait a moment.", cancellationToken);
            };
            limiter.AddPolicy(WebChatPolicy, WebChatPartition);

            // Until the Direct Line endpoints carry the policy themselves (RequireRateLimiting), the
            // same partitioning applies to everything under their path prefix.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments(WebChatPrefix) && http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
                    ? WebChatPartition(http)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return builder;
    }

    /// <summary>The forwarded client address, security headers, body limits and rate limits, in that order (before the endpoints).</summary>
    public static WebApplication UseNewsroomHttpProtection(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(AddSecurityHeaders);
        app.Use(LimitRequestBody);
        // The one rate-limiter middleware of the host: it applies the web-chat policy below and every
        // other named policy (the Direct Line's new-conversation limit).
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> WebChatPartition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<HttpProtectionOptions>>().Value;
        // Behind a known reverse proxy, UseForwardedHeaders has made this the address it forwarded.
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.WebChatPermitLimit,
            Window = TimeSpan.FromSeconds(options.WebChatWindowSeconds),
            QueueLimit = 0,
        });
    }

    private static Task AddSecurityHeaders(HttpContext http, RequestDelegate next)
    {
        // Set when the response starts, so that a page's own Content-Security-Policy (set by the
        // web chat's endpoint) is kept and only given a frame-ancestors directive if it lacks one.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            var policy = headers.ContentSecurityPolicy.ToString();
            if (string.IsNullOrEmpty(policy))
            {
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }
            else if (!policy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = policy.TrimEnd(' ', ';') + "; frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        return next(http);
    }

    private static async Task LimitRequestBody(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments(MessagesPath) && !path.StartsWithSegments(WebChatPrefix))
        {
            await next(http);
            return;
        }

        var limit = http.RequestServices.GetRequiredService<IOptions<HttpProtectionOptions>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await TooLarge(http, limit);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength is null && HttpMethods.IsPost(http.Request.Method))
        {
            // A chunked body has no length to check up front: read it (bounded) before anyone parses it.
            var buffer = new MemoryStream();
            try
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        await TooLarge(http, limit);
                        return;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLarge(http, limit);
                return;
            }

            buffer.Position = 0;
            http.Request.Body = buffer;
            http.Request.ContentLength = buffer.Length;
        }

        await next(http);
    }

    private static async Task TooLarge(HttpContext http, long limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync($"The request is too large (the limit is {limit:N0} bytes).", http.RequestAborted);
    }
}
