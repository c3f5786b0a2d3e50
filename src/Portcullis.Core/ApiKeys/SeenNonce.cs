namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A signature nonce already accepted for a key (RFC 9421 §2.3 <c>nonce</c>): remembered until the end of the window in
/// which a signature carrying it could still be accepted, so that a replay within the window is refused on every node.
/// </summary>
public sealed class SeenNonce
{
    /// <summary>Whose nonce: the key's <c>keyid</c> (or a session key's id).</summary>
    public required string Scope { get; init; }

    public required string Nonce { get; init; }

    /// <summary>When the nonce may be forgotten: no signature carrying it can be accepted after this.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
