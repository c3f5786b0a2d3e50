using System.Net;

namespace Portcullis.Cli.Authenticator;

/// <summary>The gate's answer to a device request: a value, or a problem's stable code and detail.</summary>
internal sealed record DeviceReply<T>(HttpStatusCode Status, T? Value, string? Code, string? Detail)
    where T : class
{
    public bool IsSuccess => Value is not null;

    /// <summary>One line for standard error: the code and what the gate said.</summary>
    public string Problem => $"{Code ?? $"http.{(int)Status}"}: {Detail ?? "the gate refused the request"}";
}
