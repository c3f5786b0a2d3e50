using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Portcullis.Server.Http;

/// <summary>
/// Turns exceptions into problem details. What a client sent wrong (bad JSON, a body too large, the wrong
/// content type) is a 4xx with its own code; anything else is a bug, logged with its stack and answered
/// with a generic 500 that reveals nothing.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var (code, detail) = Classify(exception);
        if (code == ProblemCatalog.ServerError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, RequestLoggingMiddleware.LoggablePath(httpContext.Request.Path.Value));
        }
        else
        {
            logger.LogInformation("Rejected request on {Method} {Path}: {Code}", httpContext.Request.Method, RequestLoggingMiddleware.LoggablePath(httpContext.Request.Path.Value), code);
        }

        await Problems.WriteAsync(httpContext, code, detail);
        return true;
    }

    internal static (string Code, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (ProblemCatalog.RequestTooLarge, "The request body is larger than the server accepts."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (ProblemCatalog.RequestUnsupportedMediaType, "Send the body as application/json."),
        BadHttpRequestException { InnerException: JsonException } =>
            (ProblemCatalog.RequestMalformedJson, "The request body could not be read as JSON of the expected shape."),
        BadHttpRequestException bad when bad.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) =>
            (ProblemCatalog.RequestInvalid, "A JSON body is required."),
        BadHttpRequestException => (ProblemCatalog.RequestInvalid, "The request could not be read."),
        _ => (ProblemCatalog.ServerError, "An internal error occurred. It has been logged."),
    };
}
