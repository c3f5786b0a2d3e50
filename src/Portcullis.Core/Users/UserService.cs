using System.Net;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Passwords;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Users;

/// <summary>Creating, disabling and unlocking users, and changing or resetting their passwords.</summary>
public sealed class UserService(
    IGateStore store,
    PasswordPolicy policy,
    Argon2idPasswordHasher hasher,
    PasswordHashingPool queue,
    PasswordGate gate,
    SessionService sessions,
    TimeProvider time)
{
    public async Task<Result<CreatedUser>> CreateAsync(NewUser request, string actor, CancellationToken cancellationToken)
    {
        var username = Username.Normalize(request.Username);
        if (!Username.IsValid(username))
        {
            return UserErrors.InvalidUsername();
        }

        var displayName = request.DisplayName.Trim();
        if (displayName.Length is 0 or > 100)
        {
            return UserErrors.InvalidDisplayName();
        }

        var oneTime = request.Password is null ? PasswordGenerator.Generate() : null;
        var password = request.Password ?? oneTime!;
        var verdict = policy.Check(password, new PasswordContext(username, HasSecondFactor: false));
        if (!verdict.IsSuccess)
        {
            return verdict.Error!;
        }

        string? email = null;
        if (request.Email is not null)
        {
            (email, var problem) = ContactAddresses.Normalize(NotificationChannel.Email, request.Email);
            if (email is null)
            {
                return NotificationErrors.ContactInvalid("email", problem!);
            }
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        if (await unit.Users.FindByUsernameAsync(username, cancellationToken) is not null)
        {
            return UserErrors.Exists();
        }

        var hash = await HashAsync(password, cancellationToken);
        if (!hash.IsSuccess)
        {
            return hash.Error!;
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Username = username,
            DisplayName = displayName,
            Role = request.Role,
            PasswordHash = hash.Value,
            PasswordChangeRequired = oneTime is not null,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        unit.Users.Add(user);
        if (email is not null)
        {
            unit.NotificationSettings.AddContact(new NotificationContact
            {
                Id = Guid.CreateVersion7(now),
                UserId = user.Id,
                Channel = NotificationChannel.Email,
                Address = email,
                CreatedAt = now,
            });
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.UserCreated, "ok", actor, Actors.User(user.Id), null,
            new Dictionary<string, object?>
            {
                ["username"] = username,
                ["role"] = request.Role.ToString().ToLowerInvariant(),
                ["one_time_password"] = oneTime is not null,
                ["email"] = email is null ? null : ContactAddresses.Mask(NotificationChannel.Email, email),
            }));
        await unit.CommitAsync(cancellationToken);
        return new CreatedUser(user, oneTime);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Users.ListAsync(cancellationToken);
    }

    /// <summary>Disables a user and revokes every session at once.</summary>
    public async Task<Result<User>> DisableAsync(string username, string actor, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindByUsernameAsync(Username.Normalize(username), cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        if (user.Status != UserStatus.Disabled)
        {
            var now = time.GetUtcNow();
            user.Status = UserStatus.Disabled;
            user.DisabledAt = now;
            var revoked = await sessions.RevokeAllAsync(unit, user.Id, "user_disabled", actor, null, null, cancellationToken);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.UserDisabled, "ok", actor, Actors.User(user.Id), null,
                new Dictionary<string, object?> { ["sessions_revoked"] = revoked }));
            await unit.CommitAsync(cancellationToken);
        }

        return user;
    }

    public async Task<Result<User>> EnableAsync(string username, string actor, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindByUsernameAsync(Username.Normalize(username), cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        if (user.Status != UserStatus.Active)
        {
            user.Status = UserStatus.Active;
            user.DisabledAt = null;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.UserEnabled, "ok", actor, Actors.User(user.Id)));
            await unit.CommitAsync(cancellationToken);
        }

        return user;
    }

    /// <summary>Clears the username's sign-in failure counter, lifting a delay or the hard stop.</summary>
    public async Task<Result<User>> UnlockAsync(string username, string actor, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(username);
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindByUsernameAsync(normalized, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        await unit.BeginAsync(cancellationToken);
        await unit.Throttle.ResetAsync(ThrottleKeys.ForUsername(normalized), cancellationToken);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.UserUnlocked, "ok", actor, Actors.User(user.Id)));
        await unit.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Sets a new one-time password (returned once), revokes every session, and requires a change at the
    /// next sign-in. For an operator helping a user who forgot the password.
    /// </summary>
    public async Task<Result<string>> ResetPasswordAsync(string username, string actor, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindByUsernameAsync(Username.Normalize(username), cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        var oneTime = PasswordGenerator.Generate();
        var hash = await HashAsync(oneTime, cancellationToken);
        if (!hash.IsSuccess)
        {
            return hash.Error!;
        }

        var now = time.GetUtcNow();
        user.PasswordHash = hash.Value;
        user.PasswordChangeRequired = true;
        user.PasswordChangedAt = now;
        var revoked = await sessions.RevokeAllAsync(unit, user.Id, "password_reset", actor, null, null, cancellationToken);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.PasswordReset, "one_time_password", actor, Actors.User(user.Id), null,
            new Dictionary<string, object?> { ["sessions_revoked"] = revoked }));
        Notify.Emit(unit, user.Id, NotificationTypes.PasswordChanged, NotificationSeverity.Critical,
            "Your password was reset by an operator and every session was signed out. If you did not ask for this, contact support.",
            new Dictionary<string, object?> { ["by"] = "operator", ["sessions_revoked"] = revoked }, now);
        Protection.Cooldowns.Start(unit, user.Id, Protection.CooldownReasons.PasswordChanged, null, now);
        await unit.CommitAsync(cancellationToken);
        return oneTime;
    }

    /// <summary>
    /// Changes the signed-in user's password after checking the current one (throttled like a sign-in).
    /// Every other session is revoked; this one gets a new token, returned here.
    /// </summary>
    public async Task<Result<string>> ChangePasswordAsync(SessionContext current, string? currentPassword, string? newPassword,
        IPAddress? ip, CancellationToken cancellationToken)
    {
        var user = current.User;
        var verdict = policy.Check(newPassword ?? string.Empty, new PasswordContext(user.Username, HasSecondFactor: false));
        if (!verdict.IsSuccess)
        {
            return verdict.Error!;
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return PasswordErrors.Unchanged();
        }

        var attempt = new PasswordAttempt(user.Username, user, null, ip, currentPassword ?? string.Empty) { Replacement = newPassword };
        await using var unit = await store.OpenAsync(cancellationToken);
        var check = await gate.CheckAsync(unit, attempt, cancellationToken);
        var actor = Actors.User(user.Id);
        if (!check.IsSuccess || !check.Value.Verified)
        {
            if (check.Error?.Code == SignInErrors.BusyCode)
            {
                return check.Error;
            }

            unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, check.Value?.Reason ?? check.Error!.Code, actor,
                Actors.User(user.Id), ip?.ToString(), new Dictionary<string, object?> { ["step"] = "password_change" }));
            await unit.CommitAsync(cancellationToken);
            return check.Error ?? PasswordErrors.CurrentPasswordWrong();
        }

        // The new password was hashed with the current one, in the same place in the hashing queue (Replacement above).
        var hash = check.Value.NewHash!;
        var now = time.GetUtcNow();
        await gate.SettleSuccessAsync(unit, attempt, cancellationToken);
        var tracked = await unit.Users.FindAsync(user.Id, cancellationToken);
        var session = await unit.Sessions.FindAsync(current.Session.Id, cancellationToken);
        if (tracked is null || session is null || !session.IsActiveAt(now))
        {
            await unit.CommitAsync(cancellationToken); // the password was right: its charge is settled all the same
            return SessionErrors.NotFound();
        }

        tracked.PasswordHash = hash;
        tracked.PasswordChangeRequired = false;
        tracked.PasswordChangedAt = now;
        var revoked = await sessions.RevokeAllAsync(unit, user.Id, "password_changed", actor, ip?.ToString(), session.Id, cancellationToken);
        var token = SessionToken.NewSessionToken();
        session.TokenHash = SessionToken.Hash(token);
        session.PasswordChangeRequired = false;
        session.LastSeenAt = now;
        unit.Sessions.AddAuthentication(new SessionAuthentication
        {
            SessionId = session.Id,
            Method = AuthenticationMethods.Password,
            At = now,
            DeviceId = session.DeviceId,
        });
        unit.Audit.Append(new AuditRecord(AuditEventTypes.PasswordChanged, "ok", actor, Actors.User(user.Id), ip?.ToString(),
            new Dictionary<string, object?> { ["sessions_revoked"] = revoked }));
        Notify.Emit(unit, user.Id, NotificationTypes.PasswordChanged, NotificationSeverity.Critical,
            "Your password was changed and every other session was signed out. If this wasn't you, freeze your account now.",
            new Dictionary<string, object?> { ["ip"] = ip?.ToString(), ["sessions_revoked"] = revoked }, now);
        Protection.Cooldowns.Start(unit, user.Id, Protection.CooldownReasons.PasswordChanged, ip?.ToString(), now);
        await unit.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Hashes a new password on the hashing threads, as every password hash is (<see cref="PasswordHashingPool"/>), so that
    /// creating users or resetting passwords cannot starve the server either: <c>signin.busy</c> when the queue is full.
    /// </summary>
    private async Task<Result<string>> HashAsync(string password, CancellationToken cancellationToken)
    {
        using var ticket = queue.TryEnter();
        if (ticket is null)
        {
            return SignInErrors.Busy();
        }

        return await ticket.RunAsync(() => hasher.Hash(password), cancellationToken);
    }
}
