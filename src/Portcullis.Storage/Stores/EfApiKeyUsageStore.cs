using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage.Stores;

/// <summary>
/// The counters are one <c>UPDATE … SET request_count = request_count + 1</c> each, never a read-modify-write of a tracked
/// key; a new address is one <c>INSERT … ON CONFLICT DO NOTHING</c>, whose row count says whether it was new. The statements
/// every signed request runs (the counters, a log row written at once) are hand-written (<see cref="RawSql"/>).
/// </summary>
internal sealed class EfApiKeyUsageStore(GateDbContext db) : IApiKeyUsageStore
{
    public void Add(ApiKeyUsage usage) => db.ApiKeyUsage.Add(usage);

    public async Task<long> InsertAsync(ApiKeyUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        await using var command = RawSql.Command(db,
            "INSERT INTO api_key_usage (api_key_id, at, ip, method, path, operation, code, notional) " +
            "VALUES (@key, @at, @ip, @method, @path, @operation, @code, @notional) RETURNING id");
        db.AddGuid(command, "key", usage.ApiKeyId);
        db.AddTime(command, "at", usage.At);
        command.With("ip", usage.Ip).With("method", usage.Method).With("path", usage.Path).With("operation", usage.Operation)
            .With("code", usage.Code).With("notional", usage.Notional);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task CountAsync(Guid apiKeyId, int requests, int denials, DateTimeOffset? usedAt, string? ip, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(denials);
        await using var command = RawSql.Command(db, usedAt is null
            ? "UPDATE api_keys SET request_count = request_count + @requests, denial_count = denial_count + @denials WHERE id = @id"
            : "UPDATE api_keys SET request_count = request_count + @requests, denial_count = denial_count + @denials, " +
              "last_used_at = @at, last_used_ip = @ip WHERE id = @id");
        db.AddGuid(command, "id", apiKeyId);
        command.With("requests", (long)requests).With("denials", (long)denials);
        if (usedAt is { } at)
        {
            db.AddTime(command, "at", at);
            command.With("ip", ip);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RememberAddressAsync(Guid apiKeyId, string ip, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ip);
        var rows = db is SqliteGateDbContext
            ? await db.Database.ExecuteSqlAsync(
                $"INSERT INTO api_key_addresses (api_key_id, ip, first_seen_at) VALUES ({apiKeyId}, {ip}, {at.UtcTicks / 10}) ON CONFLICT (api_key_id, ip) DO NOTHING",
                cancellationToken)
            : await db.Database.ExecuteSqlAsync(
                $"INSERT INTO api_key_addresses (api_key_id, ip, first_seen_at) VALUES ({apiKeyId}, {ip}, {at.ToUniversalTime()}) ON CONFLICT (api_key_id, ip) DO NOTHING",
                cancellationToken);
        return rows == 1;
    }

    public async Task<bool> SetDecisionAsync(long usageId, string code, decimal? notional, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var row = db.ApiKeyUsage.Where(u => u.Id == usageId);
        var changed = notional is { } value
            ? await row.ExecuteUpdateAsync(s => s.SetProperty(u => u.Code, code).SetProperty(u => u.Notional, value), cancellationToken)
            : await row.ExecuteUpdateAsync(s => s.SetProperty(u => u.Code, code), cancellationToken);
        return changed > 0;
    }

    public async Task<decimal> NotionalSinceAsync(Guid apiKeyId, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await NotionalSinceAsync([apiKeyId], since, cancellationToken)).GetValueOrDefault(apiKeyId);

    public async Task<IReadOnlyDictionary<Guid, decimal>> NotionalSinceAsync(IReadOnlyCollection<Guid> apiKeyIds, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        if (apiKeyIds.Count == 0)
        {
            return new Dictionary<Guid, decimal>();
        }

        var accepted = db.ApiKeyUsage.AsNoTracking()
            .Where(u => apiKeyIds.Contains(u.ApiKeyId) && u.At > since && u.Code == ApiKeyUsage.Accepted && u.Notional != null);
        if (db is SqliteGateDbContext)
        {
            // SQLite has no exact decimal arithmetic (EF stores decimals as text): the few rows are summed here, exactly.
            var rows = await accepted.Select(u => new { u.ApiKeyId, u.Notional }).ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ApiKeyId).ToDictionary(g => g.Key, g => g.Sum(r => r.Notional!.Value));
        }

        var sums = await accepted.GroupBy(u => u.ApiKeyId).Select(g => new { g.Key, Sum = g.Sum(u => u.Notional!.Value) }).ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Key, s => s.Sum);
    }

    public async Task<IReadOnlyList<ApiKeyUsage>> ListAsync(Guid apiKeyId, long? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = db.ApiKeyUsage.AsNoTracking().Where(u => u.ApiKeyId == apiKeyId);
        if (before is { } cursor)
        {
            rows = rows.Where(u => u.Id < cursor);
        }

        return await rows.OrderByDescending(u => u.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.ApiKeyUsage.Where(u => u.At < before).ExecuteDeleteAsync(cancellationToken);
}
