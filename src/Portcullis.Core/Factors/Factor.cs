namespace Portcullis.Core.Factors;

/// <summary>
/// An enrolled second factor. Kind-specific material lives in the nullable members: a TOTP or offline seed
/// (encrypted, <see cref="SecretCiphertext"/>), a WebAuthn credential (<see cref="CredentialId"/>,
/// <see cref="PublicKey"/>, <see cref="SignCount"/>), a push authenticator's key (<see cref="PublicKey"/>)
/// or a phone number (<see cref="Phone"/>).
/// </summary>
public sealed class Factor
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required FactorKind Kind { get; init; }

    /// <summary>The user's name for it, e.g. "YubiKey 5C" or "Phone".</summary>
    public required string Name { get; set; }

    public FactorStatus Status { get; set; } = FactorStatus.Pending;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The device it lives on (a security key, an authenticator device), when it has one.</summary>
    public Guid? DeviceId { get; set; }

    public byte[]? SecretCiphertext { get; set; }

    /// <summary>WebAuthn credential id; unique.</summary>
    public byte[]? CredentialId { get; set; }

    /// <summary>WebAuthn COSE public key, or a push authenticator's Ed25519 public key.</summary>
    public byte[]? PublicKey { get; set; }

    /// <summary>WebAuthn signature counter last seen.</summary>
    public long SignCount { get; set; }

    /// <summary>WebAuthn authenticator model (AAGUID).</summary>
    public Guid? AaGuid { get; set; }

    /// <summary>WebAuthn backup eligibility: a synced passkey rather than a device-bound key.</summary>
    public bool BackupEligible { get; set; }

    /// <summary>WebAuthn transports reported at registration, comma-separated (e.g. <c>usb,nfc</c>).</summary>
    public string? Transports { get; set; }

    /// <summary>WebAuthn attestation statement format at registration (e.g. <c>none</c>, <c>packed</c>).</summary>
    public string? AttestationFormat { get; set; }

    /// <summary>SMS: the phone number, E.164.</summary>
    public string? Phone { get; set; }

    public FactorClass Class => FactorCatalog.ClassOf(Kind);

    public bool IsActive => Status == FactorStatus.Active;
}
