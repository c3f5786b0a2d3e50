using System.Security.Cryptography;
using System.Text;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>
/// Password sign-in and re-authentication. See <c>SignIn/README.md</c> for the flow. Unknown usernames,
/// wrong passwords and disabled users get the same answer, at the same cost. A user with a second factor
/// gets a flow to finish with it (<see cref="SignInFlowService"/>) instead of a session.
/// </summary>
public sealed class SignInService(IGateStore store, PasswordGate gate, SessionService sessions, SignInFlowService flows, TimeProvider time)
{
    private const int MaxPasswordInput = 1024;

    public async Task<Result<SignInOutcome>> SignInAsync(SignInRequest request, CancellationToken cancellationToken)
    {
        var username = Username.Normalize(request.Username);
        var password = request.Password ?? string.Empty;

        // One unit serves the whole sign-in: the lookups, the charge before the hash, and the outcome after it.
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = Username.IsValid(username) ? await unit.Users.FindByUsernameAsync(username, cancellationToken) : null;
        Device? device = null;
        if (SessionToken.HasShape(request.DeviceToken, SessionToken.DevicePrefix))
        {
            var found = await unit.Devices.FindByTokenHashAsync(SessionToken.Hash(request.DeviceToken!), cancellationToken);
            device = found is { IsActive: true } && found.UserId == user?.Id ? found : null;
        }

        var attempt = new PasswordAttempt(username, user, device, request.Ip,
            password.Length > MaxPasswordInput ? password[..MaxPasswordInput] : password);
        var checkResult = await gate.CheckAsync(unit, attempt, cancellationToken);
        if (!checkResult.IsSuccess || !checkResult.Value.Verified)
        {
            var error = checkResult.Error ?? SignInErrors.Failed();
            if (error.Code != SignInErrors.BusyCode)
            {
                var reason = checkResult.IsSuccess ? checkResult.Value.Reason : ReasonFor(error);
                AuditFailure(unit, attempt, request, reason);
                await unit.CommitAsync(cancellationToken);
            }

            return error;
        }

        return await CompleteAsync(unit, attempt, request, checkResult.Value, cancellationToken);
    }

    /// <summary>
    /// Proves the password again within a session. The session gets a new token (the old one stops
    /// working at once) and a new authentication event.
    /// </summary>
    public async Task<Result<string>> ReauthenticateAsync(SessionContext current, string? password, System.Net.IPAddress? ip,
        CancellationToken cancellationToken)
    {
        await using var write = await store.OpenAsync(cancellationToken);
        Device? device = null;
        if (current.Session.DeviceId is { } deviceId)
        {
            var found = await write.Devices.FindAsync(deviceId, cancellationToken);
            device = found is { IsActive: true } && found.UserId == current.User.Id ? found : null;
        }

        var attempt = new PasswordAttempt(current.User.Username, current.User, device, ip, password ?? string.Empty);
        var check = await gate.CheckAsync(write, attempt, cancellationToken);
        var actor = Actors.User(current.User.Id);
        var subject = Actors.Session(current.Session.Id);
        if (!check.IsSuccess || !check.Value.Verified)
        {
            var error = check.Error ?? SignInErrors.Failed();
            if (error.Code != SignInErrors.BusyCode)
            {
                write.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed,
                    check.IsSuccess ? check.Value.Reason : ReasonFor(error), actor, subject, ip?.ToString(),
                    new Dictionary<string, object?> { ["step"] = "reauthenticate" }));
                await write.CommitAsync(cancellationToken);
            }

            return error;
        }

        var now = time.GetUtcNow();
        await gate.SettleSuccessAsync(write, attempt, cancellationToken);
        var session = await write.Sessions.FindAsync(current.Session.Id, cancellationToken);
        if (session is null || !session.IsActiveAt(now))
        {
            await write.CommitAsync(cancellationToken); // the password was right: its charge is settled all the same
            return SessionErrors.NotFound();
        }

        var token = SessionToken.NewSessionToken();
        session.TokenHash = SessionToken.Hash(token);
        session.LastSeenAt = now;
        write.Sessions.AddAuthentication(new SessionAuthentication
        {
            SessionId = session.Id,
            Method = AuthenticationMethods.Password,
            At = now,
            DeviceId = session.DeviceId,
        });
        write.Audit.Append(new AuditRecord(AuditEventTypes.SessionReauthenticated, "ok", actor, subject, ip?.ToString(),
            new Dictionary<string, object?> { ["method"] = AuthenticationMethods.Password }));
        await write.CommitAsync(cancellationToken);
        return token;
    }

    private async Task<Result<SignInOutcome>> CompleteAsync(IGateUnit unit, PasswordAttempt attempt, SignInRequest request, PasswordCheck check,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ip = request.Ip?.ToString();
        await gate.SettleSuccessAsync(unit, attempt, cancellationToken);

        // The user was read (and is tracked) at the start of this sign-in. A user disabled since cannot use the
        // session: every request re-checks the user.
        var user = attempt.User!;

        var actor = Actors.User(user.Id);
        if (check.NewHash is not null)
        {
            user.PasswordHash = check.NewHash;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PasswordRehashed, "parameters_changed", actor, actor, ip));
        }

        // With a second factor enrolled, the password only opens a flow; the session comes after the factor.
        var factors = flows.Usable(await unit.Factors.ListForUserAsync(user.Id, cancellationToken));
        if (factors.Count > 0)
        {
            var started = flows.StartSignIn(unit, user, factors, request, attempt.Device?.Id, now);
            await unit.CommitAsync(cancellationToken);
            return new SignInOutcome(null, started);
        }

        var (device, newDeviceToken) = await DeviceRegistry.RegisterOrTouchAsync(unit, user, attempt.Device?.Id, request.Client,
            request.DeviceName, request.UserAgent, ip, now, cancellationToken);
        var (session, token) = sessions.Create(unit, user, request.Client, AuthenticationMethods.Password, device.Id, ip,
            request.UserAgent, now);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", actor, Actors.Session(session.Id), ip,
            new Dictionary<string, object?>
            {
                ["method"] = AuthenticationMethods.Password,
                ["device_id"] = device.Id,
                ["new_device"] = newDeviceToken is not null,
                ["assurance"] = Assurance.WireName(session.Assurance),
                ["client"] = request.Client.ToString().ToLowerInvariant(),
            }));
        await unit.CommitAsync(cancellationToken);
        return new SignInOutcome(new SignInSuccess(user, session, token, device, newDeviceToken), null);
    }

    private static void AuditFailure(IGateUnit unit, PasswordAttempt attempt, SignInRequest request, string reason)
    {
        var data = new Dictionary<string, object?>
        {
            ["client"] = request.Client.ToString().ToLowerInvariant(),
            ["device_id"] = attempt.Device?.Id,
        };
        if (attempt.User is null)
        {
            // What was typed may be a password pasted into the wrong field: keep only a short fingerprint.
            data["username_fingerprint"] = Convert.ToHexStringLower(
                SHA256.HashData(Encoding.UTF8.GetBytes(attempt.NormalizedUsername)))[..16];
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, reason, Actors.Anonymous,
            attempt.User is null ? null : Actors.User(attempt.User.Id), request.Ip?.ToString(), data));
    }

    private static string ReasonFor(Error error) => error.Code switch
    {
        SignInErrors.ThrottledCode => "throttled",
        SignInErrors.LockedCode => "hard_stop",
        _ => error.Code,
    };
}
