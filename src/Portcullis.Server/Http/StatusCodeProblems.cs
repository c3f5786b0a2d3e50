using Microsoft.AspNetCore.Diagnostics;

namespace Portcullis.Server.Http;

/// <summary>Gives bodiless error statuses (unknown route, wrong method, wrong content type) a problem body.</summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (code, detail) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ProblemCatalog.RequestNotFound, "There is nothing at this address."),
            StatusCodes.Status405MethodNotAllowed => (ProblemCatalog.RequestMethodNotAllowed, "This address does not accept this method."),
            StatusCodes.Status415UnsupportedMediaType => (ProblemCatalog.RequestUnsupportedMediaType, "Send the body as application/json."),
            StatusCodes.Status413PayloadTooLarge => (ProblemCatalog.RequestTooLarge, "The request body is larger than the server accepts."),
            StatusCodes.Status401Unauthorized => (ProblemCatalog.AuthRequired, "Sign in first."),
            >= 400 and < 500 => (ProblemCatalog.RequestInvalid, "The request could not be processed."),
            _ => (ProblemCatalog.ServerError, "An internal error occurred. It has been logged."),
        };
        return Problems.WriteAsync(http, code, detail);
    }
}
