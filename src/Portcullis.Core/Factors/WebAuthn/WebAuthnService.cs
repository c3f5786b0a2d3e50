using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Logging;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// Security keys and passkeys (WebAuthn Level 3), the only phishing-resistant factor. Registration is two
/// calls around <c>navigator.credentials.create()</c>, with the options kept in a <see cref="PendingChallenge"/>;
/// sign-in and step-up are two flow steps around <c>navigator.credentials.get()</c>, with the options kept on
/// the flow. Every challenge is used once. See <c>README.md</c> beside this file.
/// </summary>
public sealed partial class WebAuthnService(
    IGateStore store,
    WebAuthnRelyingParty relyingParty,
    TimeProvider time,
    ILogger<WebAuthnService> logger)
{
    private const string Kind = "webauthn";
    private readonly WebAuthnOptions _options = relyingParty.Options;

    /// <summary>Creation options for a new credential (needs a fresh proof); the user's credentials are excluded.</summary>
    public async Task<Result<WebAuthnRegistrationStarted>> BeginRegistrationAsync(SessionContext current, string? name, string? ip,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken);

        var options = relyingParty.Fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User
            {
                Id = WebAuthnRelyingParty.UserHandle(current.User.Id),
                Name = current.User.Username,
                DisplayName = current.User.DisplayName,
            },
            ExcludeCredentials = WebAuthnCredentials.Descriptors(factors),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = relyingParty.Conveyance,
        });
        var optionsJson = options.ToJson();
        var challenge = new PendingChallenge
        {
            Id = Guid.CreateVersion7(now),
            UserId = current.User.Id,
            SessionId = current.Session.Id,
            Purpose = PendingChallengePurpose.WebAuthnRegistration,
            Data = JsonSerializer.Serialize(new RegistrationState(FactorService.Clean(name), optionsJson)),
            CreatedAt = now,
            ExpiresAt = now + _options.ChallengeLifetime,
        };
        unit.PendingChallenges.Add(challenge);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentStarted, "ok", Actors.User(current.User.Id), null, ip,
            new Dictionary<string, object?> { ["kind"] = Kind, ["challenge_id"] = challenge.Id }));
        await unit.CommitAsync(cancellationToken);
        return new WebAuthnRegistrationStarted(challenge.Id, optionsJson, challenge.ExpiresAt);
    }

    /// <summary>
    /// Verifies the browser's registration response (WebAuthn §7.1) against the stored options, applies the
    /// attestation policy, and binds the credential as a factor on a new security-key device.
    /// </summary>
    public async Task<Result<Factor>> CompleteRegistrationAsync(SessionContext current, Guid challengeId, string? credentialJson, string? name,
        string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var challenge = await unit.PendingChallenges.FindAsync(challengeId, cancellationToken);
        if (challenge is not { Purpose: PendingChallengePurpose.WebAuthnRegistration } || challenge.UserId != current.User.Id ||
            challenge.SessionId != current.Session.Id || challenge.Data is null)
        {
            return await RefuseRegistrationAsync(unit, current, challengeId, ip, FactorErrors.EnrollmentInvalid() with { Reason = "unknown_challenge" },
                null, cancellationToken);
        }

        if (!challenge.IsOpenAt(now))
        {
            var reason = challenge.ConsumedAt is null ? "challenge_expired" : "challenge_used";
            return await RefuseRegistrationAsync(unit, current, challengeId, ip, FactorErrors.EnrollmentInvalid() with { Reason = reason }, null,
                cancellationToken);
        }

        var factors = await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken);

        // The challenge is used up by this attempt, whatever its outcome (WebAuthn §13.4.3).
        challenge.ConsumedAt = now;
        var state = JsonSerializer.Deserialize<RegistrationState>(challenge.Data)!;
        var verified = await VerifyRegistrationAsync(credentialJson, state.Options, cancellationToken);
        if (!verified.IsSuccess)
        {
            return await RefuseRegistrationAsync(unit, current, challengeId, ip, verified.Error, null, cancellationToken);
        }

        var credential = verified.Value;
        if (await unit.Factors.FindByCredentialIdAsync(credential.Id, cancellationToken) is { } existing)
        {
            return await RefuseRegistrationAsync(unit, current, challengeId, ip, WebAuthnErrors.CredentialExists(), existing.Id, cancellationToken);
        }

        var factorName = FactorService.Clean(name) ?? state.Name ?? WebAuthnCredentials.DefaultName(factors, credential.IsBackupEligible);
        var device = new Device
        {
            Id = Guid.CreateVersion7(now),
            UserId = current.User.Id,
            Name = factorName,
            Kind = DeviceKind.SecurityKey,
            FirstSeenAt = now,
            LastSeenAt = now,
            LastIp = ip,
            Platform = credential.IsBackupEligible ? "Passkey (synced)" : "Security key",
            Trust = DeviceTrust.Trusted,
        };
        unit.Devices.Add(device);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.DeviceRegistered, "ok", Actors.User(current.User.Id), Actors.Device(device.Id), ip,
            new Dictionary<string, object?> { ["name"] = device.Name, ["kind"] = "security_key" }));
        var factor = new Factor
        {
            Id = Guid.CreateVersion7(now),
            UserId = current.User.Id,
            Kind = FactorKind.WebAuthn,
            Name = factorName,
            CreatedAt = now,
            DeviceId = device.Id,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            AaGuid = credential.AaGuid,
            BackupEligible = credential.IsBackupEligible,
            Transports = credential.Transports is { Length: > 0 } t ? WebAuthnCredentials.Transports(t) : null,
            AttestationFormat = credential.AttestationFormat,
        };
        unit.Factors.Add(factor);
        FactorService.Bind(unit, factor, ip, now);
        await FactorService.ClearEnrollmentRequirementAsync(unit, factor, current.Session.Id, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return factor;
    }

    /// <summary>
    /// A flow's preparatory step: request options allowing the user's active credentials, kept on the flow
    /// (one outstanding challenge per flow; asking again replaces it).
    /// </summary>
    public async Task<Result<WebAuthnAssertionStarted>> BeginAssertionAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var factors = await ActiveCredentialsAsync(context, cancellationToken);
        if (factors.Count == 0)
        {
            return FactorErrors.NotAvailable();
        }

        var options = relyingParty.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = WebAuthnCredentials.Descriptors(factors),
            UserVerification = UserVerificationRequirement.Preferred,
        });
        var expiresAt = Min(context.Now + _options.ChallengeLifetime, context.Flow.ExpiresAt);
        var json = options.ToJson();
        context.Flow.ChallengeKind = FactorKind.WebAuthn;
        context.Flow.ChallengeData = json;
        context.Flow.ChallengeExpiresAt = expiresAt;
        return new WebAuthnAssertionStarted(json, expiresAt);
    }

    /// <summary>
    /// A flow's proving step: verifies an assertion (WebAuthn §7.2) against the options stored on the flow.
    /// The challenge is cleared first, so it is used once whatever the outcome. A signature counter that did
    /// not grow (§7.2 step 21: a possible cloned authenticator) is audited, notified and refused.
    /// </summary>
    public async Task<Result<FactorProof>> VerifyAssertionAsync(FlowContext context, string? credentialJson, CancellationToken cancellationToken)
    {
        var flow = context.Flow;
        var optionsJson = flow.ChallengeKind == FactorKind.WebAuthn ? flow.ChallengeData : null;
        var expiresAt = flow.ChallengeExpiresAt;
        if (flow.ChallengeKind == FactorKind.WebAuthn)
        {
            flow.ChallengeKind = null;
            flow.ChallengeData = null;
            flow.ChallengeExpiresAt = null;
        }

        if (optionsJson is null)
        {
            return Refused("no_challenge");
        }

        if (expiresAt is null || context.Now >= expiresAt)
        {
            return Refused("challenge_expired");
        }

        var raw = WebAuthnResponses.ParseAssertion(credentialJson);
        if (raw is null)
        {
            return Refused("malformed");
        }

        var factors = await ActiveCredentialsAsync(context, cancellationToken);
        var factor = factors.FirstOrDefault(f => f.CredentialId.AsSpan().SequenceEqual(raw.RawId));
        if (factor is null)
        {
            return Refused("unknown_credential");
        }

        var userHandle = WebAuthnRelyingParty.UserHandle(context.User.Id);
        VerifyAssertionResult result;
        try
        {
            result = await relyingParty.Fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = factor.PublicKey!,
                StoredSignatureCounter = (uint)factor.SignCount,
                // §7.2 step 6: a returned user handle must be this user's, and the credential theirs (checked above).
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(userHandle) &&
                    p.CredentialId.AsSpan().SequenceEqual(factor.CredentialId)),
            }, cancellationToken);
        }
        catch (Fido2VerificationException ex) when (ex.Code == Fido2ErrorCode.InvalidSignCount)
        {
            CounterRegression(context, factor, WebAuthnResponses.SignCount(raw.Response.AuthenticatorData));
            return Refused("counter_regression", ex);
        }
        catch (Exception ex) when (WebAuthnFailure.IsRefusal(ex))
        {
            return Refused(WebAuthnFailure.Reason(ex), ex);
        }

        // §7.2 step 21: once a counter was seen, each assertion must raise it. Fido2 checks only non-zero counters;
        // a key that suddenly reports 0 is just as suspect.
        if (factor.SignCount > 0 && result.SignCount <= factor.SignCount)
        {
            CounterRegression(context, factor, result.SignCount);
            return Refused("counter_regression");
        }

        // §6.1.3: the backup eligibility of a credential never changes; if it did, this is not the key we registered.
        if (WebAuthnResponses.BackupEligible(raw.Response.AuthenticatorData) != factor.BackupEligible)
        {
            return Refused("backup_eligibility_changed");
        }

        if (factor.DeviceId is { } deviceId && await context.Unit.Devices.FindAsync(deviceId, cancellationToken) is { } device)
        {
            if (!device.IsActive)
            {
                return Refused("device_revoked");
            }

            context.Unit.Devices.Touch(device, context.Now, flow.Ip);
        }

        factor.SignCount = result.SignCount;
        return new FactorProof(factor, AuthenticationMethods.WebAuthn, DeviceBound: !factor.BackupEligible);
    }

    private async Task<Result<RegisteredPublicKeyCredential>> VerifyRegistrationAsync(string? credentialJson, string optionsJson,
        CancellationToken cancellationToken)
    {
        var raw = WebAuthnResponses.ParseAttestation(credentialJson);
        if (raw is null)
        {
            return FactorErrors.Invalid() with { Reason = "malformed" };
        }

        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await relyingParty.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                // Uniqueness is checked against the store after verification, outside this guarded call.
                IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true),
            }, cancellationToken);
        }
        catch (Exception ex) when (WebAuthnFailure.IsRefusal(ex))
        {
            var reason = WebAuthnFailure.Reason(ex);
            LogRefused("registration", reason, ex.Message);
            return FactorErrors.Invalid() with { Reason = reason };
        }

        if (credential.Id.Length > WebAuthnResponses.MaxCredentialIdLength || credential.PublicKey.Length > 1024)
        {
            return FactorErrors.Invalid() with { Reason = "malformed" };
        }

        // Attestation policy (§7.1 steps 21–24): "none" and "self" prove nothing about the model.
        if (_options.RequireAttestation && credential.AttestationType is null or "none" or "self")
        {
            return WebAuthnErrors.AttestationRequired();
        }

        if (_options.AllowedAaguids.Count > 0 && !_options.AllowedAaguids.Contains(credential.AaGuid))
        {
            return WebAuthnErrors.AuthenticatorNotAllowed();
        }

        return credential;
    }

    private static async Task<Result<Factor>> RefuseRegistrationAsync(IGateUnit unit, SessionContext current, Guid challengeId, string? ip, Error error,
        Guid? existingFactorId, CancellationToken cancellationToken)
    {
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentFailed, error.Reason ?? error.Code, Actors.User(current.User.Id),
            existingFactorId is { } id ? Actors.Factor(id) : null, ip,
            new Dictionary<string, object?> { ["kind"] = Kind, ["challenge_id"] = challengeId }));
        await unit.CommitAsync(cancellationToken);
        return error;
    }

    private Error Refused(string reason, Exception? exception = null)
    {
        LogRefused("assertion", reason, exception?.Message);
        return FactorErrors.Invalid() with { Reason = reason };
    }

    private static void CounterRegression(FlowContext context, Factor factor, uint presented)
    {
        var data = new Dictionary<string, object?>
        {
            ["factor_id"] = factor.Id,
            ["name"] = factor.Name,
            ["stored_count"] = factor.SignCount,
            ["presented_count"] = presented,
            ["flow_id"] = context.Flow.Id,
        };
        context.Unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorCounterRegression, "counter_regression", Actors.User(context.User.Id),
            Actors.Factor(factor.Id), context.Flow.Ip, data));
        Notify.Emit(context.Unit, context.User.Id, NotificationTypes.SignCounterRegression, NotificationSeverity.Critical,
            $"Your security key \"{factor.Name}\" was refused: its signature counter went backwards, which can mean it was copied. " +
            "If you did not just try to sign in with it, freeze your account now.",
            new Dictionary<string, object?> { ["factor_id"] = factor.Id, ["ip"] = context.Flow.Ip }, context.Now);
    }

    private static async Task<List<Factor>> ActiveCredentialsAsync(FlowContext context, CancellationToken cancellationToken) =>
        (await context.Unit.Factors.ListForUserAsync(context.User.Id, cancellationToken))
        .Where(f => f is { Kind: FactorKind.WebAuthn, IsActive: true, CredentialId: not null, PublicKey: not null })
        .ToList();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "WebAuthn {Ceremony} refused: {Reason} ({Detail})")]
    private partial void LogRefused(string ceremony, string reason, string? detail);

    /// <summary>What a registration keeps between its two calls.</summary>
    private sealed record RegistrationState(string? Name, string Options);
}
