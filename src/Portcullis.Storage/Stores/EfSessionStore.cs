using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;

namespace Portcullis.Storage.Stores;

/// <summary>
/// Sessions. A new session (every sign-in makes one) is written by the unit's commit in hand-written SQL
/// (<see cref="RawSql"/>), with its authentication events, in one command after EF Core has saved the rest, so that a
/// device registered in the same unit exists first. It is not tracked afterwards: change it through another unit.
/// Sessions read from the store are tracked by EF Core as before.
/// </summary>
internal sealed class EfSessionStore(GateDbContext db) : ISessionStore
{
    private readonly List<Session> _added = [];

    internal bool HasAdded => _added.Count > 0;

    public void Add(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _added.Add(session);
    }

    public void AddAuthentication(SessionAuthentication authentication) => db.SessionAuthentications.Add(authentication);

    public Task<Session?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).SessionByTokenHash(db, tokenHash, cancellationToken);

    public Task<Session?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The idle deadline depends on a per-session timeout, so it is applied after the indexed filter.
        var candidates = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.AbsoluteExpiresAt > now)
            .ToListAsync(cancellationToken);
        return candidates.Where(s => s.IsActiveAt(now)).OrderByDescending(s => s.CreatedAt).ToList();
    }

    public async Task<IReadOnlyList<Session>> ListUnrevokedForDeviceAsync(Guid deviceId, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.DeviceId == deviceId && s.RevokedAt == null).ToListAsync(cancellationToken);

    /// <summary>Inserts the sessions added since the last commit; called by the unit's commit, inside its transaction.</summary>
    internal async Task InsertAddedAsync(CancellationToken cancellationToken)
    {
        if (_added.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder();
        await using var command = RawSql.Command(db, string.Empty);
        var events = 0;
        for (var i = 0; i < _added.Count; i++)
        {
            var s = _added[i];
            sql.Append(CultureInfo.InvariantCulture,
                $"INSERT INTO sessions (id, user_id, token_hash, client, device_id, ip, user_agent, created_at, last_seen_at, " +
                $"absolute_expires_at, idle_timeout, revoked_at, revoked_reason, password_change_required, factor_enrollment_required) " +
                $"VALUES (@id{i}, @user{i}, @token{i}, @client{i}, @device{i}, @ip{i}, @agent{i}, @created{i}, @seen{i}, @absolute{i}, " +
                $"@idle{i}, @revoked{i}, @reason{i}, @password{i}, @enrol{i}); ");
            db.AddGuid(command, $"id{i}", s.Id);
            db.AddGuid(command, $"user{i}", s.UserId);
            db.AddGuid(command, $"device{i}", s.DeviceId);
            db.AddTime(command, $"created{i}", s.CreatedAt);
            db.AddTime(command, $"seen{i}", s.LastSeenAt);
            db.AddTime(command, $"absolute{i}", s.AbsoluteExpiresAt);
            db.AddTime(command, $"revoked{i}", s.RevokedAt);
            command.With($"token{i}", s.TokenHash).With($"client{i}", s.Client.ToString()).With($"ip{i}", s.Ip)
                .With($"agent{i}", s.UserAgent).With($"idle{i}", s.IdleTimeout.Ticks).With($"reason{i}", s.RevokedReason)
                .With($"password{i}", s.PasswordChangeRequired).With($"enrol{i}", s.FactorEnrollmentRequired);
            if (s.Authentications.Count == 0)
            {
                continue;
            }

            sql.Append("INSERT INTO session_authentications (session_id, method, at, device_id, factor_id, class, device_bound) VALUES ");
            for (var j = 0; j < s.Authentications.Count; j++, events++)
            {
                var a = s.Authentications[j];
                sql.Append(j == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"(@id{i}, @method{events}, @at{events}, @adevice{events}, @factor{events}, @class{events}, @bound{events})");
                db.AddTime(command, $"at{events}", a.At);
                db.AddGuid(command, $"adevice{events}", a.DeviceId);
                db.AddGuid(command, $"factor{events}", a.FactorId);
                command.With($"method{events}", a.Method).With($"class{events}", a.Class?.ToString()).With($"bound{events}", a.DeviceBound);
            }

            sql.Append("; ");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
        _added.Clear();
    }
}
