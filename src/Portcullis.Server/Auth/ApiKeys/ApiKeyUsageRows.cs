using Portcullis.Core.ApiKeys;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>A signed request as a row of its key's usage log: never a query string, never a secret carried in the path.</summary>
internal static class ApiKeyUsageRows
{
    private const int MaxMethodLength = 16;
    private const int MaxCodeLength = 64;

    public static ApiKeyUsage For(HttpContext http, Guid apiKeyId, DateTimeOffset at, string code) => new()
    {
        ApiKeyId = apiKeyId,
        At = at,
        Ip = http.ClientIp()?.ToString(),
        Method = Cut(http.Request.Method, MaxMethodLength),
        Path = Cut(RequestLoggingMiddleware.LoggablePath(http.Request.Path.Value), ApiKeyUsage.MaxPathLength),
        Operation = http.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>()?.Operation,
        Code = Cut(code, MaxCodeLength),
    };

    private static string Cut(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        // Never half a surrogate pair.
        return char.IsHighSurrogate(value[length - 1]) ? value[..(length - 1)] : value[..length];
    }
}
