using System.Diagnostics;

namespace Portcullis.Server.Http;

/// <summary>
/// One structured line per request: method, path, status, duration. Never the query string, headers or
/// body, where tokens and passwords travel, and never a token carried in the path (see <see cref="LoggablePath"/>).
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(logger, context.Request.Method, LoggablePath(context.Request.Path.Value), context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// The path as it may be logged: bearer secrets that travel in the path (the "this wasn't me" link's token,
    /// <c>/wasnt-me/{token}</c>) are cut off.
    /// </summary>
    internal static string LoggablePath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        // Anywhere in the path (a doubled slash, a prefix), in any letter case: routing is case-insensitive.
        var freeze = Core.Notifications.FreezeLinks.PathPrefix;
        var at = path.IndexOf(freeze, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? path : string.Concat(path.AsSpan(0, at), freeze, "…");
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "HTTP {Method} {Path} -> {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
