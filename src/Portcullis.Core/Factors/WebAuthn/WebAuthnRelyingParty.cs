using System.Security.Cryptography;
using System.Text;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// This gate as a WebAuthn relying party: its RP ID, the origins it accepts and the Fido2 verifier built
/// from them. Building it never fails; <see cref="WebAuthnConfigurationCheck"/> reports bad settings at
/// start-up, before <see cref="Fido2"/> is first used.
/// </summary>
public sealed class WebAuthnRelyingParty
{
    private readonly Lazy<IFido2> _fido2;

    public WebAuthnRelyingParty(WebAuthnOptions options, string? serverUrls)
    {
        Options = options;
        ServerUrls = serverUrls ?? WebAuthnOrigins.DefaultServerUrls;
        (Origins, OriginsDerived) = WebAuthnOrigins.Resolve(options.Origins, ServerUrls);
        _fido2 = new Lazy<IFido2>(() => new Fido2(new Fido2Configuration
        {
            RPID = Options.RpId,
            RPName = Options.RpName,
            Origins = Origins.ToHashSet(StringComparer.Ordinal),
            Timeout = (uint)Options.ChallengeLifetime.TotalMilliseconds,
            ChallengeSize = 32,
        }));
    }

    public WebAuthnOptions Options { get; }

    /// <summary>The origins accepted in client data.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Whether <see cref="Origins"/> came from <c>Server:Urls</c> rather than <c>Factors:WebAuthn:Origins</c>.</summary>
    public bool OriginsDerived { get; }

    /// <summary>The <c>Server:Urls</c> value the default origins come from.</summary>
    public string ServerUrls { get; }

    public IFido2 Fido2 => _fido2.Value;

    /// <summary>The attestation conveyance asked of authenticators (WebAuthn §5.4.7).</summary>
    public AttestationConveyancePreference Conveyance => Options.Attestation.ToUpperInvariant() switch
    {
        "DIRECT" => AttestationConveyancePreference.Direct,
        "INDIRECT" => AttestationConveyancePreference.Indirect,
        _ => AttestationConveyancePreference.None,
    };

    /// <summary>
    /// The WebAuthn user handle of a user (WebAuthn §14.6.1: no personal information): a SHA-256 digest of the
    /// user id, so that it reveals neither the id nor when the account was made (ids are version 7 GUIDs).
    /// </summary>
    public static byte[] UserHandle(Guid userId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("portcullis.webauthn.user-handle:" + userId.ToString("D")));
}
