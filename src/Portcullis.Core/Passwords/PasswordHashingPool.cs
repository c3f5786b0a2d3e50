using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Portcullis.Core.Passwords;

/// <summary>
/// Runs password hashing on a fixed set of dedicated threads (one per core by default) behind a bounded
/// queue. A caller first takes a <see cref="HashingTicket"/>; when none is left it is told at once, so
/// sign-in can answer 429 with Retry-After instead of queueing without limit, and the thread pool that
/// serves every other request stays free.
/// </summary>
public sealed class PasswordHashingPool : IDisposable
{
    public const string MeterName = "Portcullis.Passwords";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _completed;
    private long _completedCount;
    private readonly SemaphoreSlim _slots;
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _workers;

    public PasswordHashingPool(PasswordOptions options)
    {
        Capacity = options.EffectiveQueueCapacity;
        _workers = new Thread[options.EffectiveConcurrency];
        _slots = new SemaphoreSlim(_workers.Length + Capacity);
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"portcullis-hash-{i}" };
            _workers[i].Start();
        }

        _rejected = _meter.CreateCounter<long>(
            "portcullis.password.hash.rejected", description: "Hashing requests refused because the queue was full.");
        _completed = _meter.CreateCounter<long>(
            "portcullis.password.hash.completed", description: "Hashing work items run by the workers.");
        _meter.CreateObservableGauge("portcullis.password.hash.queued", () => _queue.Count,
            description: "Hashing requests waiting for a worker.");
    }

    public int Workers => _workers.Length;

    /// <summary>How many hashes may wait for a worker (beyond those running).</summary>
    public int Capacity { get; }

    /// <summary>Work items run so far (each password verification, dummy or real, is one).</summary>
    public long Completed => Interlocked.Read(ref _completedCount);

    /// <summary>Takes a place in the queue, or returns <c>null</c> at once when the queue is full.</summary>
    public HashingTicket? TryEnter()
    {
        if (_slots.Wait(0))
        {
            return new HashingTicket(this);
        }

        _rejected.Add(1);
        return null;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(5));
        }

        _meter.Dispose();
        _queue.Dispose();
        _slots.Dispose();
    }

    internal void Release() => _slots.Release();

    internal void Completes()
    {
        Interlocked.Increment(ref _completedCount);
        _completed.Add(1);
    }

    internal void Enqueue(Action work) => _queue.Add(work);

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
