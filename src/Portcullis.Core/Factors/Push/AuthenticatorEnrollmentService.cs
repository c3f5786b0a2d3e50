using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// Enrolling an authenticator device. A signed-in user with a fresh proof asks for a one-time code; the device
/// presents it with the public halves of keys it made itself and becomes a trusted device with an active push
/// factor. The code is the only credential of that step: it is single use, short-lived, and dies with the
/// session that asked for it.
/// </summary>
public sealed class AuthenticatorEnrollmentService(
    IGateStore store,
    ISecretProtector protector,
    IOptions<FactorOptions> options,
    TimeProvider time)
{
    public const string SeedPurpose = "factor.push.offline_seed";
    private readonly PushOptions _push = options.Value.Push;

    /// <summary>Issues an enrolment code for the current user (needs a fresh proof, like any factor change).</summary>
    public async Task<Result<EnrollmentCode>> BeginAsync(SessionContext current, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);

        var now = time.GetUtcNow();
        var code = SessionToken.NewEnrollmentCode();
        var pending = new PendingChallenge
        {
            Id = Guid.CreateVersion7(now),
            UserId = current.User.Id,
            SessionId = current.Session.Id,
            Purpose = PendingChallengePurpose.AuthenticatorEnrollment,
            LookupHash = SessionToken.Hash(code),
            CreatedAt = now,
            ExpiresAt = now + _push.EnrollmentCodeLifetime,
        };
        unit.PendingChallenges.Add(pending);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentStarted, "ok", Actors.User(current.User.Id), Actors.User(current.User.Id), ip,
            new Dictionary<string, object?> { ["kind"] = "push", ["enrolment_id"] = pending.Id, ["expires_at"] = pending.ExpiresAt }));
        await unit.CommitAsync(cancellationToken);
        return new EnrollmentCode(code, pending.ExpiresAt);
    }

    /// <summary>
    /// Enrols a device with a code (no session: the code is the credential):
    /// <list type="number">
    /// <item>check the keys' shape before touching the code, so a malformed request does not burn it;</item>
    /// <item>find the code's user, then, serialised with that user's other push changes, re-read the code and
    /// refuse it if unknown, expired, used, or if its session or user is no longer active;</item>
    /// <item>agree the offline seed (X25519 + HKDF) with a fresh gate key; store it encrypted;</item>
    /// <item>register the device (trusted, no recognition token) and bind its push factor, consuming the code,
    /// all in one transaction with the audit records and the user's notification.</item>
    /// </list>
    /// </summary>
    public async Task<Result<EnrolledAuthenticator>> EnrolAsync(AuthenticatorEnrollmentRequest request, string? ip, CancellationToken cancellationToken)
    {
        var signingKey = PushProtocol.ImportPublicKey(PushProtocol.Signing, request.SigningKey);
        var agreementKey = PushProtocol.ImportPublicKey(PushProtocol.Agreement, request.AgreementKey);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (signingKey is null)
        {
            fields["signing_key"] = ["An Ed25519 public key: 32 bytes, base64url."];
        }

        if (agreementKey is null)
        {
            fields["agreement_key"] = ["An X25519 public key: 32 bytes, base64url."];
        }

        if (fields.Count > 0)
        {
            return new Error("request.invalid", "Some fields are missing or invalid.") { Fields = fields };
        }

        if (!SessionToken.HasShape(request.Code, SessionToken.EnrollmentPrefix))
        {
            return FactorErrors.EnrollmentInvalid() with { Reason = "malformed" };
        }

        var lookup = SessionToken.Hash(request.Code!);
        Guid userId;
        await using (var peek = await store.OpenAsync(cancellationToken))
        {
            var found = await peek.PendingChallenges.FindByLookupAsync(lookup, cancellationToken);
            if (found is not { Purpose: PendingChallengePurpose.AuthenticatorEnrollment })
            {
                return FactorErrors.EnrollmentInvalid() with { Reason = "unknown" };
            }

            userId = found.UserId;
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        await unit.Throttle.LockAsync(ThrottleKeys.ForPush(userId), cancellationToken);
        var pending = await unit.PendingChallenges.FindByLookupAsync(lookup, cancellationToken);
        var refusal = pending is null ? "unknown" : await RefusalAsync(unit, pending, now, cancellationToken);
        if (refusal is not null)
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentFailed, refusal, Actors.Anonymous, Actors.User(userId), ip,
                new Dictionary<string, object?> { ["kind"] = "push", ["enrolment_id"] = pending?.Id }));
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.EnrollmentInvalid() with { Reason = refusal };
        }

        var name = FactorService.Clean(request.Name) ?? "Authenticator";
        var deviceId = Guid.CreateVersion7(now);
        using var gateKey = Key.Create(PushProtocol.Agreement);
        var gatePublic = gateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var devicePublic = agreementKey!.Export(KeyBlobFormat.RawPublicKey);
        var seed = PushProtocol.DeriveOfflineSeed(gateKey, agreementKey, devicePublic, gatePublic, deviceId);
        if (seed is null)
        {
            await unit.CommitAsync(cancellationToken);
            return new Error("request.invalid", "Some fields are missing or invalid.")
            {
                Fields = new Dictionary<string, string[]> { ["agreement_key"] = ["Not a usable X25519 public key."] },
            };
        }

        var device = new Device
        {
            Id = deviceId,
            UserId = userId,
            Name = name,
            Kind = DeviceKind.Authenticator,
            FirstSeenAt = now,
            LastSeenAt = now,
            LastIp = ip,
            Platform = Platform(request.Platform),
            Trust = DeviceTrust.Trusted,
        };
        var factor = new Factor
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Kind = FactorKind.Push,
            Name = name,
            CreatedAt = now,
            DeviceId = device.Id,
            PublicKey = signingKey!.Export(KeyBlobFormat.RawPublicKey),
            SecretCiphertext = protector.Protect(seed, SeedPurpose),
        };
        CryptographicOperations.ZeroMemory(seed);
        pending!.ConsumedAt = now;
        unit.Devices.Add(device);
        unit.Factors.Add(factor);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.DeviceRegistered, "ok", Actors.User(userId), Actors.Device(device.Id), ip,
            new Dictionary<string, object?> { ["name"] = device.Name, ["kind"] = "authenticator", ["platform"] = device.Platform }));
        FactorService.Bind(unit, factor, ip, now);
        if (pending.SessionId is { } sessionId)
        {
            await FactorService.ClearEnrollmentRequirementAsync(unit, factor, sessionId, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return new EnrolledAuthenticator(device, factor, gatePublic);
    }

    private static async Task<string?> RefusalAsync(IGateUnit unit, PendingChallenge pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pending.ConsumedAt is not null)
        {
            return "used";
        }

        if (now >= pending.ExpiresAt)
        {
            return "expired";
        }

        if (await unit.Users.FindAsync(pending.UserId, cancellationToken) is not { IsActive: true })
        {
            return "user_inactive";
        }

        // The code dies with the session that asked for it (signed out, revoked, expired).
        return pending.SessionId is { } id && await unit.Sessions.FindAsync(id, cancellationToken) is { } session && session.IsActiveAt(now)
            ? null
            : "session_ended";
    }

    private static string? Platform(string? platform)
    {
        var clean = new string((platform ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length > 128 ? clean[..128] : clean;
    }
}
