using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Tests;

/// <summary>API keys: every field round-trips (lists, decimals, key material), found by id and by keyid, listed newest first.</summary>
public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task ApiKey_RoundTripsEveryField_AndIsFoundByItsKeyId()
    {
        var alice = NewUser("alice");
        var older = new ApiKey
        {
            Id = Guid.CreateVersion7(Start),
            UserId = alice.Id,
            KeyId = "pk_aaaaaaaaaaaaaaaaaaaaaaaa",
            Name = "Grid bot",
            Algorithm = ApiKeyAlgorithm.Ed25519,
            PublicKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            Permissions = ApiKeyPermissions.Read | ApiKeyPermissions.Trade,
            AssetClasses = ["stock", "future"],
            Markets = ["XNAS"],
            Symbols = ["ACME", "BRK.B"],
            OrderTypes = ["limit"],
            MaxOrderNotional = 12_345.67890123m,
            MaxDailyNotional = 100_000m,
            MaxOrdersPerMinute = 30,
            IpAllowlist = ["198.51.100.0/24", "2001:db8::/48"],
            CreatedAt = Start,
            ExpiresAt = Start.AddDays(90),
            TradeLapsesAt = null,
        };
        var newer = new ApiKey
        {
            Id = Guid.CreateVersion7(Start.AddMinutes(1)),
            UserId = alice.Id,
            KeyId = "pk_bbbbbbbbbbbbbbbbbbbbbbbb",
            Name = "Legacy",
            Algorithm = ApiKeyAlgorithm.HmacSha256,
            SecretCiphertext = [1, 2, 3],
            Permissions = ApiKeyPermissions.Read,
            AssetClasses = [],
            Markets = [],
            Symbols = [],
            OrderTypes = [],
            IpAllowlist = [],
            CreatedAt = Start.AddMinutes(1),
            ExpiresAt = Start.AddDays(30),
            TradeLapsesAt = Start.AddDays(30),
            PredecessorId = older.Id,
        };
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.ApiKeys.Add(older);
            u.ApiKeys.Add(newer);
        });

        var found = await ReadAsync(u => u.ApiKeys.FindByKeyIdAsync(older.KeyId, Ct));
        var listed = await ReadAsync(u => u.ApiKeys.ListForUserAsync(alice.Id, Ct));

        Assert.NotNull(found);
        Assert.Equal(older.Id, found.Id);
        Assert.Equal(older.PublicKey, found.PublicKey);
        Assert.Equal(["stock", "future"], found.AssetClasses);
        Assert.Equal(["ACME", "BRK.B"], found.Symbols);
        Assert.Equal(["198.51.100.0/24", "2001:db8::/48"], found.IpAllowlist);
        Assert.Equal(12_345.67890123m, found.MaxOrderNotional);
        Assert.Equal((30, ApiKeyPermissions.Read | ApiKeyPermissions.Trade, older.ExpiresAt), (found.MaxOrdersPerMinute, found.Permissions, found.ExpiresAt));
        Assert.Equal([newer.Id, older.Id], listed.Select(k => k.Id));
        Assert.Equal(ApiKeyAlgorithm.HmacSha256, listed[0].Algorithm);
        Assert.Equal([1, 2, 3], listed[0].SecretCiphertext);
        Assert.Empty(listed[0].IpAllowlist);
        Assert.Null(await ReadAsync(u => u.ApiKeys.FindByKeyIdAsync("pk_unknown", Ct)));
    }
}
