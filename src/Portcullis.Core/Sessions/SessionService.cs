using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.Sessions;

/// <summary>Issues, finds, lists and revokes sessions.</summary>
public sealed class SessionService(IGateStore store, IOptions<SessionOptions> options, TimeProvider time)
{
    private readonly SessionOptions _options = options.Value;

    /// <summary>
    /// Adds a new session to <paramref name="unit"/> with a fresh token and a first authentication event,
    /// and audits its creation. The token is returned once and never stored.
    /// </summary>
    public (Session Session, string Token) Create(IGateUnit unit, User user, SessionClient client, string method,
        Guid? deviceId, string? ip, string? userAgent, DateTimeOffset now, DateTimeOffset? authenticatedAt = null)
    {
        var token = SessionToken.NewSessionToken();
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            TokenHash = SessionToken.Hash(token),
            Client = client,
            DeviceId = deviceId,
            Ip = ip,
            UserAgent = Truncate(userAgent, 256),
            CreatedAt = now,
            LastSeenAt = now,
            AbsoluteExpiresAt = now + _options.AbsoluteTimeout,
            IdleTimeout = _options.IdleTimeout,
            PasswordChangeRequired = user.PasswordChangeRequired,
        };
        session.Authentications.Add(new SessionAuthentication
        {
            SessionId = session.Id,
            Method = method,
            At = authenticatedAt ?? now,
            DeviceId = deviceId,
        });
        unit.Sessions.Add(session);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SessionCreated, "ok", Actors.User(user.Id),
            Actors.Session(session.Id), ip, new Dictionary<string, object?>
            {
                ["client"] = client.ToString().ToLowerInvariant(),
                ["device_id"] = deviceId,
                ["absolute_expires_at"] = session.AbsoluteExpiresAt,
            }));
        return (session, token);
    }

    /// <summary>
    /// Finds the active session a token belongs to. Records activity at most once per
    /// <see cref="SessionOptions.ActivityWriteInterval"/> so a busy client does not write on every request.
    /// </summary>
    public async Task<SessionContext?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SessionToken.HasShape(token, SessionToken.SessionPrefix))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var session = await unit.Sessions.FindByTokenHashAsync(SessionToken.Hash(token!), cancellationToken);
        if (session is null || !session.IsActiveAt(now))
        {
            return null;
        }

        var user = await unit.Users.FindAsync(session.UserId, cancellationToken);
        if (user is not { IsActive: true })
        {
            return null;
        }

        var previous = session.LastSeenAt;
        if (now - session.LastSeenAt >= _options.ActivityWriteInterval)
        {
            session.LastSeenAt = now;
            await unit.CommitAsync(cancellationToken);
        }

        return new SessionContext(session, user) { PreviousActivityAt = previous };
    }

    public async Task<IReadOnlyList<Session>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Sessions.ListActiveAsync(userId, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Revokes one of the user's own sessions (another device, or this one).</summary>
    public async Task<Result> RevokeAsync(SessionContext current, Guid sessionId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var session = await unit.Sessions.FindAsync(sessionId, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || session.UserId != current.User.Id || !session.IsActiveAt(now))
        {
            return SessionErrors.NotFound();
        }

        var reason = session.Id == current.Session.Id ? "signed_out" : "revoked_by_user";
        Revoke(unit, session, reason, Actors.User(current.User.Id), ip, now);
        await unit.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Signs the user out everywhere: every active session, this one included.</summary>
    public async Task<int> RevokeAllAsync(SessionContext current, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var count = await RevokeAllAsync(unit, current.User.Id, "signed_out_everywhere", Actors.User(current.User.Id), ip, null, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Revokes a user's active sessions within <paramref name="unit"/>, except <paramref name="keep"/>.</summary>
    public async Task<int> RevokeAllAsync(IGateUnit unit, Guid userId, string reason, string actor, string? ip, Guid? keep,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await unit.Sessions.ListActiveAsync(userId, now, cancellationToken);
        var count = 0;
        foreach (var session in sessions.Where(s => s.Id != keep))
        {
            Revoke(unit, session, reason, actor, ip, now);
            count++;
        }

        return count;
    }

    private static void Revoke(IGateUnit unit, Session session, string reason, string actor, string? ip, DateTimeOffset now)
    {
        if (session.Revoke(now, reason))
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.SessionRevoked, reason, actor, Actors.Session(session.Id), ip,
                new Dictionary<string, object?> { ["user_id"] = session.UserId }));
        }
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
