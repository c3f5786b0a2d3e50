using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;

namespace Portcullis.HttpSignatures.Client;

/// <summary>How <see cref="SigningHandler"/> signs. Defaults match what the gate requires (issue 7).</summary>
public sealed record SigningHandlerOptions
{
    /// <summary>The signing key (private half). Required.</summary>
    public required HttpSignatureKey Key { get; init; }

    /// <summary>The <c>keyid</c> the gate knows the key by. Required.</summary>
    public required string KeyId { get; init; }

    /// <summary>The signature label. Default <c>sig</c>.</summary>
    public string Label { get; init; } = "sig";

    /// <summary>
    /// Fields to cover in addition to <c>@method</c>, <c>@target-uri</c> and (with a body) <c>content-digest</c>;
    /// each is covered only when the request has it. Default: <c>content-type</c>.
    /// </summary>
    public IReadOnlyList<ComponentIdentifier> AdditionalComponents { get; init; } = [ComponentIdentifier.Field("content-type")];

    /// <summary>When set, adds <c>expires</c> = created + this. Default: none.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>Optional <c>tag</c> parameter.</summary>
    public string? Tag { get; init; }

    /// <summary>Content-Digest algorithm. Default <c>sha-256</c>.</summary>
    public string DigestAlgorithm { get; init; } = ContentDigest.Sha256;
}
