using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OtpNet;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Totp;

/// <summary>
/// TOTP authenticator apps (RFC 6238). Enrolment: a 160-bit secret, encrypted at rest, confirmed by a first
/// valid code. Verification: ±1 time step, and each time step accepted at most once per user.
/// </summary>
public sealed class TotpService(IGateStore store, ISecretProtector protector, IOptions<FactorOptions> options, TimeProvider time)
{
    public const string SecretPurpose = "factor.totp.secret";
    private readonly TotpOptions _totp = options.Value.Totp;

    public async Task<Result<TotpEnrollment>> BeginAsync(SessionContext current, string? name, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);

        var now = time.GetUtcNow();
        var secret = RandomNumberGenerator.GetBytes(20);
        var factor = new Factor
        {
            Id = Guid.CreateVersion7(now),
            UserId = current.User.Id,
            Kind = FactorKind.Totp,
            Name = FactorService.Clean(name) ?? "Authenticator app",
            CreatedAt = now,
            SecretCiphertext = protector.Protect(secret, SecretPurpose),
        };
        unit.Factors.Add(factor);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentStarted, "ok", Actors.User(current.User.Id), Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["kind"] = "totp" }));
        await unit.CommitAsync(cancellationToken);
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        CryptographicOperations.ZeroMemory(secret);
        return new TotpEnrollment(factor, base32, OtpAuthUri(current.User.Username, base32));
    }

    /// <summary>Activates a pending TOTP factor with its first valid code (which also counts as used).</summary>
    public async Task<Result<Factor>> ConfirmAsync(SessionContext current, Guid factorId, string? code, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var factor = await unit.Factors.FindAsync(factorId, cancellationToken);
        if (factor is not { Kind: FactorKind.Totp, Status: FactorStatus.Pending } || factor.UserId != current.User.Id)
        {
            return FactorErrors.NotFound();
        }

        await unit.BeginAsync(cancellationToken);
        var step = Match(factor, code, now);
        if (step is null || !await unit.Factors.TryUseOtpStepAsync(current.User.Id, step.Value, cancellationToken))
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentFailed, step is null ? "wrong_code" : "replayed", Actors.User(current.User.Id),
                Actors.Factor(factor.Id), ip, new Dictionary<string, object?> { ["kind"] = "totp" }));
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.Invalid() with { Reason = step is null ? "wrong_code" : "replayed" };
        }

        factor.LastUsedAt = now;
        FactorService.Bind(unit, factor, ip, now);
        await FactorService.ClearEnrollmentRequirementAsync(unit, factor, current.Session.Id, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return factor;
    }

    /// <summary>Proves a flow with a code from any of the user's active TOTP factors.</summary>
    public async Task<Result<FactorProof>> VerifyAsync(FlowContext context, string? code, CancellationToken cancellationToken)
    {
        var factors = (await context.Unit.Factors.ListForUserAsync(context.User.Id, cancellationToken))
            .Where(f => f is { Kind: FactorKind.Totp, IsActive: true }).ToList();
        if (factors.Count == 0)
        {
            return FactorErrors.NotAvailable();
        }

        foreach (var factor in factors)
        {
            if (Match(factor, code, context.Now) is { } step)
            {
                return await context.Unit.Factors.TryUseOtpStepAsync(context.User.Id, step, cancellationToken)
                    ? new FactorProof(factor, AuthenticationMethods.Totp)
                    : FactorErrors.Invalid() with { Reason = "replayed" };
            }
        }

        return FactorErrors.Invalid() with { Reason = "wrong_code" };
    }

    private long? Match(Factor factor, string? code, DateTimeOffset now)
    {
        if (code is null || factor.SecretCiphertext is null || protector.Unprotect(factor.SecretCiphertext, SecretPurpose) is not { } secret)
        {
            return null;
        }

        try
        {
            return TotpCode.Match(secret, code.Replace(" ", string.Empty, StringComparison.Ordinal), now, _totp.Digits, _totp.PeriodSeconds, _totp.Algorithm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private string OtpAuthUri(string username, string base32)
    {
        var issuer = Uri.EscapeDataString(_totp.Issuer);
        var label = issuer + ":" + Uri.EscapeDataString(username);
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{label}?secret={base32}&issuer={issuer}&algorithm={_totp.Algorithm.ToUpperInvariant()}&digits={_totp.Digits}&period={_totp.PeriodSeconds}");
    }
}
