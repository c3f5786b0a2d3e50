using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task FeedCursor_StartsAtZero_AndMovesOnlyFromWhereItWas()
    {
        Assert.Equal(0, await ReadAsync(u => u.FeedCursors.ReadAsync("fills", Ct)));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            Assert.True(await unit.FeedCursors.TryAdvanceAsync("fills", 0, 5, Start, Ct));
            await unit.CommitAsync(Ct);
        }

        Assert.Equal(5, await ReadAsync(u => u.FeedCursors.ReadAsync("fills", Ct)));
        Assert.Equal(0, await ReadAsync(u => u.FeedCursors.ReadAsync("other", Ct)));

        // A stale reader (another node that read 0) moves nothing.
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            Assert.False(await unit.FeedCursors.TryAdvanceAsync("fills", 0, 3, Start, Ct));
        }

        // Not committing rolls the move back.
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            Assert.True(await unit.FeedCursors.TryAdvanceAsync("fills", 5, 9, Start, Ct));
        }

        Assert.Equal(5, await ReadAsync(u => u.FeedCursors.ReadAsync("fills", Ct)));
    }

    [SkippableFact]
    public async Task FeedCursor_RacedFromManyUnitsOnTwoStores_MovesOnce()
    {
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.FeedCursors.TryAdvanceAsync("race", 0, 10, Start, Ct))
            {
                Interlocked.Increment(ref wins);
                await unit.CommitAsync(Ct);
            }
        });

        Assert.Equal(1, wins);
        Assert.Equal(10, await ReadAsync(u => u.FeedCursors.ReadAsync("race", Ct)));
    }
}
