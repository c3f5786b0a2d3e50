using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Results;

namespace Portcullis.Server.Http;

/// <summary>RFC 9457 problem details with a stable <c>code</c> member, written the same way everywhere.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult From(Error error) => new ProblemResult(error.Code, error.Message, error.Fields, error.RetryAfter);

    public static IResult Of(string code, string detail, IReadOnlyDictionary<string, string[]>? fields = null) =>
        new ProblemResult(code, detail, fields, null);

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        Of(ProblemCatalog.RequestInvalid, "Some fields are missing or invalid.", fields);

    /// <summary>Builds the problem body for <paramref name="code"/> in the context of a request.</summary>
    public static ProblemDetails Build(HttpContext context, string code, string detail,
        IReadOnlyDictionary<string, string[]>? fields, TimeSpan? retryAfter)
    {
        var (status, title) = ProblemCatalog.Lookup(code);
        var problem = new ProblemDetails
        {
            Type = ProblemCatalog.TypeFor(code),
            Title = title,
            Status = status,
            Detail = detail,
            Instance = RequestLoggingMiddleware.LoggablePath(context.Request.Path.Value),
        };
        problem.Extensions["code"] = code;
        problem.Extensions["trace_id"] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (fields is { Count: > 0 })
        {
            problem.Extensions["errors"] = fields;
        }

        if (retryAfter is { } wait)
        {
            problem.Extensions["retry_after"] = (int)Math.Ceiling(wait.TotalSeconds);
        }

        return problem;
    }

    /// <summary>Writes a problem response directly (middleware, exception handler, status pages).</summary>
    public static Task WriteAsync(HttpContext context, string code, string detail, TimeSpan? retryAfter = null) =>
        new ProblemResult(code, detail, null, retryAfter).ExecuteAsync(context);

    private sealed class ProblemResult(string code, string detail, IReadOnlyDictionary<string, string[]>? fields, TimeSpan? retryAfter)
        : IProblemResult, IStatusCodeHttpResult
    {
        public string Code => code;

        /// <summary>The status the problem will be answered with (lets filters see a failure before it is written).</summary>
        public int? StatusCode => ProblemCatalog.Lookup(code).Status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var problem = Build(httpContext, code, detail, fields, retryAfter);
            httpContext.Response.StatusCode = problem.Status!.Value;
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            if (code == ProblemCatalog.AuthRequired)
            {
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return httpContext.Response.WriteAsJsonAsync(problem, JsonDefaults.Options, ContentType, httpContext.RequestAborted);
        }
    }
}
