namespace Portcullis.Core.Factors.Push;

/// <summary>
/// In-process wake-ups for long polls: a device waiting for challenges, or a sign-in waiting for an answer, is
/// woken as soon as this node commits one. Other nodes' changes are found by reading the store again every
/// <see cref="PollInterval"/>, so a cluster works without a message bus, only slower.
/// </summary>
/// <remarks>
/// Waiting is measured on <paramref name="waitClock"/>, the real clock, not on the gate's <see cref="TimeProvider"/>:
/// a long poll lasts its <c>wait</c> seconds of wall time even when the gate's clock is a test's fake one, while
/// expiry is still judged by the gate's clock each time the store is read.
/// </remarks>
public sealed class PushSignals(TimeProvider waitClock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Entry> _entries = [];

    /// <summary>Starts listening for <paramref name="key"/> (a device id or a challenge id) until disposed.</summary>
    public PushSubscription Subscribe(Guid key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Subscribers++;
        }

        return new PushSubscription(this, key);
    }

    /// <summary>Wakes everyone waiting on <paramref name="key"/>. Call after the change was committed.</summary>
    public void Signal(Guid key)
    {
        TaskCompletionSource? fired = null;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                fired = entry.Next;
                entry.Next = NewSource();
            }
        }

        fired?.TrySetResult();
    }

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds, <paramref name="wait"/> of real time has
    /// passed, or <paramref name="cancellationToken"/> fires; then returns the last value read.
    /// </summary>
    public async Task<T> PollAsync<T>(Guid key, TimeSpan wait, Func<CancellationToken, Task<T>> read, Func<T, bool> done,
        CancellationToken cancellationToken)
    {
        using var subscription = Subscribe(key);
        var started = waitClock.GetTimestamp();
        while (true)
        {
            // Take the wake-up task before reading, so a signal between the read and the wait is not lost.
            var next = subscription.Next();
            var value = await read(cancellationToken);
            var remaining = wait - waitClock.GetElapsedTime(started);
            if (done(value) || remaining <= TimeSpan.Zero)
            {
                return value;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining < PollInterval ? remaining : PollInterval, waitClock, stop.Token);
            await Task.WhenAny(next, delay);
            await stop.CancelAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                return value;
            }
        }
    }

    internal Task Current(Guid key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Next.Task : Task.CompletedTask;
        }
    }

    internal void Release(Guid key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && --entry.Subscribers == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public int Subscribers { get; set; }

        public TaskCompletionSource Next { get; set; } = NewSource();
    }
}
