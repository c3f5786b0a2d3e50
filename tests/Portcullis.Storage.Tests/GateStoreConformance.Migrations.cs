using Portcullis.Core.Audit;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public void Provider_NamesTheConfiguredProvider()
    {
        Assert.Equal(ExpectedProvider, Store.Provider);
    }

    [SkippableFact]
    public async Task IsReady_BeforeMigrate_IsFalse()
    {
        var fresh = await CreateUnmigratedStoreAsync();

        Assert.False(await fresh.IsReadyAsync(Ct));
    }

    [SkippableFact]
    public async Task Migrate_OnEmptyDatabase_MakesStoreReady()
    {
        var fresh = await CreateUnmigratedStoreAsync();

        await fresh.MigrateAsync(Ct);

        Assert.True(await fresh.IsReadyAsync(Ct));
    }

    [SkippableFact]
    public async Task Migrate_SeedsEmptyAuditChainAtGenesis()
    {
        var head = await ReadAsync(u => u.Audit.GetHeadAsync(Ct));

        Assert.NotNull(head);
        Assert.Equal(0, head.Sequence);
        Assert.Equal(AuditChain.Genesis, head.Hash);
        Assert.Empty(await ReadAuditAsync());
        Assert.True((await VerifyAuditAsync()).IsIntact);
    }

    [SkippableFact]
    public async Task Migrate_Twice_IsIdempotentAndKeepsData()
    {
        await CommitAsync(u =>
        {
            u.Users.Add(NewUser("alice"));
            u.Audit.Append(NewRecord(1));
        });

        await Store.MigrateAsync(Ct);

        Assert.True(await Store.IsReadyAsync(Ct));
        Assert.Equal(["alice"], (await ReadAsync(u => u.Users.ListAsync(Ct))).Select(u => u.Username));
        var verification = await VerifyAuditAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(1, verification.Count);
    }
}
