using Portcullis.Core.ApiKeys;

namespace Portcullis.Server.Api.Contracts;

/// <summary>One signed request in a key's usage log: <see cref="Code"/> is <c>ok</c>, <c>held</c>, or why it was refused or failed.</summary>
public sealed record ApiKeyUsageEntryView(DateTimeOffset At, string? Ip, string Method, string Path, string? Operation, string Code, decimal? Notional)
{
    public static ApiKeyUsageEntryView From(ApiKeyUsage u) => new(u.At, u.Ip, u.Method, u.Path, u.Operation, u.Code, u.Notional);
}
