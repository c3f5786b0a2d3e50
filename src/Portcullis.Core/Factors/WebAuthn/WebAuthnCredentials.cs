using Fido2NetLib.Objects;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>How stored credentials are described to browsers, and named when the user gives no name.</summary>
internal static class WebAuthnCredentials
{
    /// <summary>The user's active credentials as descriptors (§5.8.3), for allowCredentials and excludeCredentials.</summary>
    public static List<PublicKeyCredentialDescriptor> Descriptors(IEnumerable<Factor> factors) =>
        factors.Where(f => f is { Kind: FactorKind.WebAuthn, IsActive: true, CredentialId: not null })
            .Select(f => new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, f.CredentialId!, ParseTransports(f.Transports)))
            .ToList();

    /// <summary>"Security key" or "Passkey", numbered when the user already has one of that name.</summary>
    public static string DefaultName(IEnumerable<Factor> factors, bool backupEligible)
    {
        var stem = backupEligible ? "Passkey" : "Security key";
        var taken = factors.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = stem;
        for (var i = 2; taken.Contains(name); i++)
        {
            name = $"{stem} {i}";
        }

        return name;
    }

    private static string TransportName(AuthenticatorTransport transport) => transport switch
    {
        AuthenticatorTransport.Usb => "usb",
        AuthenticatorTransport.Nfc => "nfc",
        AuthenticatorTransport.Ble => "ble",
        AuthenticatorTransport.SmartCard => "smart-card",
        AuthenticatorTransport.Hybrid => "hybrid",
        AuthenticatorTransport.Internal => "internal",
        _ => "unknown",
    };

    /// <summary>The transports stored with a credential, for its descriptor (unknown names are dropped).</summary>
    public static AuthenticatorTransport[]? ParseTransports(string? transports)
    {
        var known = (transports ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t switch
            {
                "usb" => AuthenticatorTransport.Usb,
                "nfc" => AuthenticatorTransport.Nfc,
                "ble" => AuthenticatorTransport.Ble,
                "smart-card" => AuthenticatorTransport.SmartCard,
                "hybrid" => AuthenticatorTransport.Hybrid,
                "internal" => AuthenticatorTransport.Internal,
                _ => (AuthenticatorTransport?)null,
            })
            .OfType<AuthenticatorTransport>()
            .ToArray();
        return known.Length > 0 ? known : null;
    }

    /// <summary>Transports as stored: their WebAuthn names (§5.8.4), comma-separated.</summary>
    public static string Transports(IEnumerable<AuthenticatorTransport> transports) => string.Join(',', transports.Select(TransportName));
}
