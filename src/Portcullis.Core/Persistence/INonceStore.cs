namespace Portcullis.Core.Persistence;

/// <summary>The replay cache for signed requests, shared by every node through the store.</summary>
public interface INonceStore
{
    /// <summary>
    /// Remembers <paramref name="nonce"/> for <paramref name="scope"/> until <paramref name="expiresAt"/>, at once (not at
    /// commit). False when it is already remembered and not yet expired at <paramref name="now"/>: a replay. Exactly one of
    /// several concurrent callers with the same nonce gets true, on any node.
    /// </summary>
    Task<bool> TryRememberAsync(string scope, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets every nonce expired at <paramref name="now"/> (at once); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
