using Microsoft.Extensions.Options;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Tests;

/// <summary>
/// API keys' usage: the log pages newest first by id, its accepted notional is summed over a window, the counters never lose
/// an update among racing units on two stores, a new address is new once, and all of it rolls back with its unit.
/// </summary>
public abstract partial class GateStoreConformance
{
    private static ApiKey NewApiKey(User user, string keyId) => new()
    {
        Id = Guid.NewGuid(),
        UserId = user.Id,
        KeyId = keyId,
        Name = "Bot",
        Algorithm = ApiKeyAlgorithm.Ed25519,
        PublicKey = new byte[32],
        Permissions = ApiKeyPermissions.Read | ApiKeyPermissions.Trade,
        AssetClasses = [],
        Markets = [],
        Symbols = [],
        OrderTypes = [],
        IpAllowlist = [],
        CreatedAt = Start,
        ExpiresAt = Start.AddDays(90),
    };

    private static ApiKeyUsage NewUsage(ApiKey key, DateTimeOffset at, string code = ApiKeyUsage.Accepted, decimal? notional = null,
        string path = "/api/v1/me") => new()
        {
            ApiKeyId = key.Id,
            At = at,
            Ip = "198.51.100.7",
            Method = "GET",
            Path = path,
            Operation = "profile.read",
            Code = code,
            Notional = notional,
        };

    private async Task<(ApiKey A, ApiKey B)> TwoKeysAsync()
    {
        var alice = NewUser("alice");
        var a = NewApiKey(alice, "pk_aaaaaaaaaaaaaaaaaaaaaaaa");
        var b = NewApiKey(alice, "pk_bbbbbbbbbbbbbbbbbbbbbbbb");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.ApiKeys.Add(a);
            u.ApiKeys.Add(b);
        });
        return (a, b);
    }

    [SkippableFact]
    public async Task ApiKeyUsage_PagesNewestFirst_ByIncreasingIds_PerKey()
    {
        var (a, b) = await TwoKeysAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var row = NewUsage(a, Start.AddSeconds(i), i == 3 ? "apikey.out_of_scope" : ApiKeyUsage.Accepted, path: $"/api/v1/r{i}");
            await CommitAsync(u =>
            {
                u.ApiKeyUsage.Add(row);
                u.ApiKeyUsage.Add(NewUsage(b, Start.AddSeconds(i)));
            });
            ids.Add(row.Id);
        }

        var first = await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 2, Ct));
        var second = await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, first[^1].Id, 2, Ct));
        var last = await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, second[^1].Id, 2, Ct));

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(["/api/v1/r4", "/api/v1/r3"], first.Select(r => r.Path));
        Assert.Equal(["/api/v1/r2", "/api/v1/r1"], second.Select(r => r.Path));
        Assert.Equal(["/api/v1/r0"], last.Select(r => r.Path));
        Assert.Equal(("apikey.out_of_scope", "GET", "198.51.100.7", "profile.read", Start.AddSeconds(3)),
            (first[1].Code, first[1].Method, first[1].Ip, first[1].Operation, first[1].At));
        Assert.All(first.Concat(second).Concat(last), r => Assert.Equal(a.Id, r.ApiKeyId));
    }

    [SkippableFact]
    public async Task ApiKeyUsage_NotionalSince_SumsAcceptedRowsInTheWindow_AndPruneForgetsOldRows()
    {
        var (a, b) = await TwoKeysAsync();
        var refused = NewUsage(a, Start.AddHours(2), notional: 1_000m);
        await CommitAsync(u =>
        {
            u.ApiKeyUsage.Add(NewUsage(a, Start, notional: 100.12345678m));
            u.ApiKeyUsage.Add(NewUsage(a, Start.AddHours(1), notional: 200m));
            u.ApiKeyUsage.Add(NewUsage(a, Start.AddHours(1), code: "ledger.insufficient_funds", notional: 5_000m));
            u.ApiKeyUsage.Add(NewUsage(a, Start.AddHours(1)));
            u.ApiKeyUsage.Add(refused);
            u.ApiKeyUsage.Add(NewUsage(b, Start.AddHours(1), notional: 7m));
        });

        // A reservation given back no longer counts; one set later counts.
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.SetDecisionAsync(refused.Id, "policy.default_deny", null, Ct)));
        var plain = NewUsage(a, Start.AddHours(3));
        await CommitAsync(u => u.ApiKeyUsage.Add(plain));
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.SetDecisionAsync(plain.Id, ApiKeyUsage.Accepted, 0.5m, Ct)));

        Assert.Equal(300.62345678m, await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync(a.Id, Start.AddSeconds(-1), Ct)));
        Assert.Equal(200.5m, await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync(a.Id, Start, Ct)));
        Assert.Equal(200.5m, await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync(a.Id, Start.AddMinutes(1), Ct)));
        var both = await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync([a.Id, b.Id, Guid.NewGuid()], Start.AddMinutes(1), Ct));
        Assert.Equal(new Dictionary<Guid, decimal> { [a.Id] = 200.5m, [b.Id] = 7m }, both);
        var row = (await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 10, Ct))).Single(r => r.Id == refused.Id);
        Assert.Equal(("policy.default_deny", 1_000m), (row.Code, row.Notional));

        Assert.Equal(1, await ReadAsync(u => u.ApiKeyUsage.PruneAsync(Start.AddMinutes(1), Ct)));
        Assert.Equal(200.5m, await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync(a.Id, Start.AddSeconds(-1), Ct)));
        Assert.False(await ReadAsync(u => u.ApiKeyUsage.SetDecisionAsync(long.MaxValue, "x", null, Ct)));
    }

    [SkippableFact]
    public async Task ApiKeyUsage_InsertedAtOnce_ComesBackFieldForField_AfterStagedRows_AndRollsBackWithItsUnit()
    {
        var (a, _) = await TwoKeysAsync();
        var staged = NewUsage(a, Start);
        await CommitAsync(u => u.ApiKeyUsage.Add(staged));
        var row = NewUsage(a, Start.AddSeconds(1), "apikey.limit_exceeded", 12.34567891m, "/api/v1/accounts/x/orders");
        var bare = new ApiKeyUsage { ApiKeyId = a.Id, At = Start.AddSeconds(2), Method = "POST", Path = "/api/v1/x", Code = ApiKeyUsage.Accepted };
        long id, bareId;
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            id = await unit.ApiKeyUsage.InsertAsync(row, Ct);
            bareId = await unit.ApiKeyUsage.InsertAsync(bare, Ct);
            await unit.CommitAsync(Ct);
        }

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            await unit.ApiKeyUsage.InsertAsync(NewUsage(a, Start.AddSeconds(3)), Ct); // never committed
        }

        var rows = await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 10, Ct));
        Assert.Equal([bareId, id, staged.Id], rows.Select(r => r.Id));
        Assert.True(bareId > id && id > staged.Id);
        var back = rows[1];
        Assert.Equal((a.Id, Start.AddSeconds(1), "198.51.100.7", "GET", "/api/v1/accounts/x/orders", "profile.read", "apikey.limit_exceeded", 12.34567891m),
            (back.ApiKeyId, back.At, back.Ip, back.Method, back.Path, back.Operation, back.Code, back.Notional));
        Assert.Equal((Start.AddSeconds(2), null, "POST", null, null), (rows[0].At, rows[0].Ip, rows[0].Method, rows[0].Operation, rows[0].Notional));

        // The row's notional counts once it is accepted, exactly.
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.SetDecisionAsync(id, ApiKeyUsage.Accepted, null, Ct)));
        Assert.Equal(12.34567891m, await ReadAsync(u => u.ApiKeyUsage.NotionalSinceAsync(a.Id, Start, Ct)));
    }

    [SkippableFact]
    public async Task ApiKeyCounters_CountedFromRacingUnitsOnTwoStores_LoseNoUpdate()
    {
        const int Units = 16;
        var (a, _) = await TwoKeysAsync();
        IGateStore[] stores = [Store, BuildSecondStore()];

        await RunAllAtOnceAsync(Units, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            await unit.ApiKeyUsage.CountAsync(a.Id, request: true, denied: i % 4 == 0, Start.AddSeconds(i), $"198.51.100.{i}", Ct);
            if (i % 2 == 0)
            {
                unit.ApiKeyUsage.Add(NewUsage(a, Start.AddSeconds(i)));
            }
            else
            {
                await unit.ApiKeyUsage.InsertAsync(NewUsage(a, Start.AddSeconds(i)), Ct);
            }

            await unit.CommitAsync(Ct);
        });

        var key = await ReadAsync(u => u.ApiKeys.FindAsync(a.Id, Ct));
        Assert.Equal((Units, Units / 4), (key!.RequestCount, key.DenialCount));
        Assert.NotNull(key.LastUsedAt);
        Assert.StartsWith("198.51.100.", key.LastUsedIp, StringComparison.Ordinal);
        Assert.Equal(Units, (await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 100, Ct))).Count);
    }

    [SkippableFact]
    public async Task ApiKeyAddress_RacedFromManyUnitsOnTwoStores_IsNewOnce()
    {
        var (a, b) = await TwoKeysAsync();
        IGateStore[] stores = [Store, BuildSecondStore()];
        var news = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.ApiKeyUsage.RememberAddressAsync(a.Id, "2001:db8::1", Start, Ct))
            {
                Interlocked.Increment(ref news);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, news);
        Assert.False(await ReadAsync(u => u.ApiKeyUsage.RememberAddressAsync(a.Id, "2001:db8::1", Start.AddDays(1), Ct)));
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.RememberAddressAsync(b.Id, "2001:db8::1", Start, Ct)));
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.RememberAddressAsync(a.Id, "198.51.100.7", Start, Ct)));
    }

    [SkippableFact]
    public async Task ApiKeyUsage_WrittenInAUnitThatDoesNotCommit_IsNotWritten()
    {
        var (a, _) = await TwoKeysAsync();

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            await unit.ApiKeyUsage.CountAsync(a.Id, request: true, denied: true, Start, "198.51.100.7", Ct);
            Assert.True(await unit.ApiKeyUsage.RememberAddressAsync(a.Id, "198.51.100.7", Start, Ct));
            unit.ApiKeyUsage.Add(NewUsage(a, Start));
            await unit.ApiKeyUsage.InsertAsync(NewUsage(a, Start), Ct);
        }

        var key = await ReadAsync(u => u.ApiKeys.FindAsync(a.Id, Ct));
        Assert.Equal((0, 0, null), (key!.RequestCount, key.DenialCount, key.LastUsedIp));
        Assert.Empty(await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 10, Ct)));
        Assert.True(await ReadAsync(u => u.ApiKeyUsage.RememberAddressAsync(a.Id, "198.51.100.7", Start, Ct)));
    }

    [SkippableFact]
    public async Task TheRetentionSweep_ForgetsRowsOlderThanTheRetention_ExpiredNonces_AndExpiredSessionKeys()
    {
        var (a, _) = await TwoKeysAsync();
        var usage = new ApiKeyUsageService(Store, Options.Create(new ApiKeyOptions { UsageRetention = TimeSpan.FromDays(2) }), Time);
        await CommitAsync(u =>
        {
            u.ApiKeyUsage.Add(NewUsage(a, Start, path: "/old"));
            u.ApiKeyUsage.Add(NewUsage(a, Start.AddDays(1), path: "/recent"));
        });
        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync(a.KeyId, "n-1", Start.AddSeconds(5), Start, Ct)));
        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync(a.KeyId, "n-2", Start.AddDays(3), Start, Ct)));
        await CommitAsync(u =>
        {
            u.SessionKeys.Add(NewSessionKey(a, "sk_expired", Start));
            u.SessionKeys.Add(NewSessionKey(a, "sk_live", Start.AddDays(2)));
        });
        Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));

        var pruned = await usage.PruneAsync(Ct);

        Assert.Equal((1, 1, 1), pruned);
        Assert.Null(await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync("sk_expired", Ct)));
        Assert.NotNull(await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync("sk_live", Ct)));
        Assert.Equal(["/recent"], (await ReadAsync(u => u.ApiKeyUsage.ListAsync(a.Id, null, 10, Ct))).Select(r => r.Path));
        Assert.False(await ReadAsync(u => u.Nonces.TryRememberAsync(a.KeyId, "n-2", Start.AddDays(3), Time.GetUtcNow(), Ct)));
    }
}
