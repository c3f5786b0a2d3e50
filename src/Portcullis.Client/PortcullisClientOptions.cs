namespace Portcullis.Client;

/// <summary>How <see cref="PortcullisHttpClient.Create(Uri, ApiKeyFile, PortcullisClientOptions)"/> signs.</summary>
public sealed record PortcullisClientOptions
{
    /// <summary>The gate's <c>pk_…</c> id of the key. Default: the key file's own.</summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// Sign with short-lived session keys (<see cref="SessionKeyHandler"/>): the API key signs only the request that asks for
    /// one, every few minutes; every other request is signed <c>hmac-sha256</c> with the session key. Default: off (every
    /// request signed with the API key).
    /// </summary>
    public bool UseSessionKeys { get; init; }

    /// <summary>With <see cref="UseSessionKeys"/>: ask for a new session key this long before the current one expires. Default 60 seconds.</summary>
    public TimeSpan RenewBefore { get; init; } = SessionKeyHandler.DefaultRenewBefore;

    /// <summary>The clock signatures are dated by (and session keys timed with). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The handler that sends the signed requests. Default: a <see cref="SocketsHttpHandler"/> without cookies.</summary>
    public HttpMessageHandler? InnerHandler { get; init; }
}
