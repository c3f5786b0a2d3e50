using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portcullis.Core.Accounts;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Protection;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Stores;

/// <summary>
/// The reads every sign-in, every session request and every signed request makes (and a policy decision's protection
/// reads), compiled once (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// instead of having EF Core build, parameterise and look up their LINQ expression on every call. They track what they
/// return as the same LINQ would. A compiled query runs against the one model it was compiled for, and a process may hold
/// several (SQLite and PostgreSQL, or contexts built with different options): <see cref="For"/> keeps one set per model.
/// </summary>
internal sealed class CompiledQueries
{
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> ByModel = new();

    /// <summary>The compiled queries for <paramref name="db"/>'s model.</summary>
    public static CompiledQueries For(GateDbContext db) => ByModel.GetValue(db.Model, _ => new CompiledQueries());

    public Func<GateDbContext, string, CancellationToken, Task<User?>> UserByUsername { get; } =
        EF.CompileAsyncQuery((GateDbContext db, string username, CancellationToken _) =>
            db.Users.FirstOrDefault(u => u.Username == username));

    public Func<GateDbContext, Guid, CancellationToken, Task<User?>> UserById { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid id, CancellationToken _) =>
            db.Users.FirstOrDefault(u => u.Id == id));

    public Func<GateDbContext, byte[], CancellationToken, Task<Device?>> DeviceByTokenHash { get; } =
        EF.CompileAsyncQuery((GateDbContext db, byte[] tokenHash, CancellationToken _) =>
            db.Devices.FirstOrDefault(d => d.TokenHash == tokenHash));

    public Func<GateDbContext, byte[], CancellationToken, Task<Session?>> SessionByTokenHash { get; } =
        EF.CompileAsyncQuery((GateDbContext db, byte[] tokenHash, CancellationToken _) =>
            db.Sessions.FirstOrDefault(s => s.TokenHash == tokenHash));

    public Func<GateDbContext, Guid, IAsyncEnumerable<Factor>> FactorsOfUser { get; } =
        EF.CompileAsyncQuery<GateDbContext, Guid, Factor>((db, userId) =>
            db.Factors.Where(f => f.UserId == userId && f.Status != FactorStatus.Removed).OrderBy(f => f.CreatedAt));

    public Func<GateDbContext, string, CancellationToken, Task<ApiKey?>> ApiKeyByKeyId { get; } =
        EF.CompileAsyncQuery((GateDbContext db, string keyId, CancellationToken _) =>
            db.ApiKeys.FirstOrDefault(k => k.KeyId == keyId));

    /// <summary>A session key by its key id, with the API key it was issued for.</summary>
    public Func<GateDbContext, string, CancellationToken, Task<SessionKeyRow?>> SessionKeyByKeyId { get; } =
        EF.CompileAsyncQuery((GateDbContext db, string keyId, CancellationToken _) =>
            (from s in db.ApiSessionKeys
             join k in db.ApiKeys on s.ApiKeyId equals k.Id
             where s.KeyId == keyId
             select new SessionKeyRow(s, k)).FirstOrDefault());

    /// <summary>The accounts a user is a member of, with the role, untracked.</summary>
    public Func<GateDbContext, Guid, IAsyncEnumerable<(Account Account, AccountRole Role)>> MembershipsOfUser { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid userId) =>
            from m in db.AccountMembers.AsNoTracking()
            join a in db.Accounts.AsNoTracking() on m.AccountId equals a.Id
            where m.UserId == userId
            orderby a.Number
            select new ValueTuple<Account, AccountRole>(a, m.Role));

    /// <summary>A user's freezes in force, or lifted (or to be lifted) after the given time.</summary>
    public Func<GateDbContext, Guid, DateTimeOffset, IAsyncEnumerable<Freeze>> FreezesOfUser { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid userId, DateTimeOffset liftedSince) =>
            db.Freezes.Where(f => f.UserId == userId
                && (f.LiftedAt == null ? f.LiftEffectiveAt == null || f.LiftEffectiveAt > liftedSince : f.LiftedAt > liftedSince)));

    public Func<GateDbContext, Guid, CancellationToken, Task<SettingsLock?>> SettingsLockOfUser { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid userId, CancellationToken _) =>
            db.SettingsLocks.FirstOrDefault(l => l.UserId == userId));

    public Func<GateDbContext, Guid, DateTimeOffset, IAsyncEnumerable<Cooldown>> CooldownsOfUser { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid userId, DateTimeOffset since) =>
            db.Cooldowns.Where(c => c.UserId == userId && c.StartedAt >= since));

    public Func<GateDbContext, Guid, IAsyncEnumerable<TrustedNetwork>> NetworksOfUser { get; } =
        EF.CompileAsyncQuery((GateDbContext db, Guid userId) =>
            db.TrustedNetworks.Where(n => n.UserId == userId));

    internal sealed record SessionKeyRow(ApiSessionKey SessionKey, ApiKey ApiKey);
}
