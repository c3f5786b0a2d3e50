using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Tests;

/// <summary>The replay cache: a nonce is accepted once per key until it expires, once among racing units on two stores.</summary>
public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task Nonce_IsAcceptedOncePerScope_UntilItExpires()
    {
        var until = Start.AddSeconds(10);

        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-1", until, Start, Ct)));
        Assert.False(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-1", until, Start.AddSeconds(9), Ct)));
        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_b", "n-1", until, Start, Ct)));
        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-2", until, Start, Ct)));

        // After its time the nonce may be taken again (a signature that old is refused for its `created` anyway).
        Assert.True(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-1", Start.AddSeconds(20), until, Ct)));
        Assert.False(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-1", Start.AddSeconds(20), Start.AddSeconds(15), Ct)));

        Assert.Equal(2, await ReadAsync(u => u.Nonces.PruneAsync(until, Ct)));
        Assert.False(await ReadAsync(u => u.Nonces.TryRememberAsync("pk_a", "n-1", Start.AddSeconds(30), Start.AddSeconds(19), Ct)));
    }

    [SkippableFact]
    public async Task Nonce_RacedFromManyUnitsOnTwoStores_IsAcceptedOnce()
    {
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            if (await unit.Nonces.TryRememberAsync("pk_race", "same-nonce", Start.AddSeconds(10), Start, Ct))
            {
                Interlocked.Increment(ref wins);
            }
        });

        Assert.Equal(1, wins);
    }
}
