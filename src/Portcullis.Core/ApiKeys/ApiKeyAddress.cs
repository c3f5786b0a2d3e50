namespace Portcullis.Core.ApiKeys;

/// <summary>An address a key has been used from: the first use from a new one is announced (<c>apikey.used_from_new_ip</c>).</summary>
public sealed class ApiKeyAddress
{
    public required Guid ApiKeyId { get; init; }

    public required string Ip { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }
}
