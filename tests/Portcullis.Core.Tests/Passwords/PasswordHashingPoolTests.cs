using Portcullis.Core.Passwords;

namespace Portcullis.Core.Tests.Passwords;

public sealed class PasswordHashingPoolTests
{
    [Fact]
    public async Task TryEnter_WhenEveryPlaceIsTaken_ReturnsNullAtOnce()
    {
        using var pool = new PasswordHashingPool(new PasswordOptions { HashingConcurrency = 1, HashingQueueCapacity = 1 });
        using var release = new ManualResetEventSlim();
        using var first = pool.TryEnter();
        using var second = pool.TryEnter();
        Assert.NotNull(first);
        Assert.NotNull(second);
        var running = first!.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);

        Assert.Null(pool.TryEnter());

        release.Set();
        await running;
    }

    [Fact]
    public async Task Ticket_GivesItsPlaceBack_WhenWorkEndsOrWhenDisposedUnused()
    {
        using var pool = new PasswordHashingPool(new PasswordOptions { HashingConcurrency = 1, HashingQueueCapacity = 0 });
        var places = pool.Workers + pool.Capacity;
        var tickets = Enumerable.Range(0, places).Select(_ => pool.TryEnter()).ToList();
        Assert.All(tickets, Assert.NotNull);
        Assert.Null(pool.TryEnter());

        tickets[0]!.Dispose();
        using (var reused = pool.TryEnter())
        {
            Assert.NotNull(reused);
            Assert.Equal(42, await reused!.RunAsync(() => 42, CancellationToken.None));
        }

        foreach (var ticket in tickets.Skip(1))
        {
            ticket!.Dispose();
        }

        Assert.NotNull(pool.TryEnter());
    }

    [Fact]
    public async Task Work_RunsOnAHashingThread_AndIsCounted()
    {
        using var pool = new PasswordHashingPool(new PasswordOptions { HashingConcurrency = 2 });
        using var ticket = pool.TryEnter()!;
        var name = await ticket.RunAsync(() => Thread.CurrentThread.Name, CancellationToken.None);

        Assert.StartsWith("portcullis-hash-", name, StringComparison.Ordinal);
        Assert.Equal(1, pool.Completed);
    }

    [Fact]
    public async Task Work_CancelledBeforeItStarts_IsSkipped()
    {
        using var pool = new PasswordHashingPool(new PasswordOptions { HashingConcurrency = 1, HashingQueueCapacity = 4 });
        using var release = new ManualResetEventSlim();
        using var blocker = pool.TryEnter()!;
        var blocking = blocker.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        using var ticket = pool.TryEnter()!;
        var ran = false;
        var queued = ticket.RunAsync(() => ran = true, cancellation.Token);

        await cancellation.CancelAsync();
        release.Set();
        await blocking;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(ran);
    }

    [Fact]
    public void Capacity_DefaultsToEightPerWorker()
    {
        using var pool = new PasswordHashingPool(new PasswordOptions { HashingConcurrency = 3 });

        Assert.Equal(3, pool.Workers);
        Assert.Equal(24, pool.Capacity);
    }
}
