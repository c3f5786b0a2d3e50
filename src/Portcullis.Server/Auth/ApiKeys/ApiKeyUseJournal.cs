using System.Threading.Channels;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// Group commit for what an accepted signed request writes before its answer (docs/api-keys.md, "What a signed request
/// writes"): its nonce, its usage-log row and the key's counters (one update per key and batch). Requests queue here and
/// one loop writes all those waiting in one transaction of the shared store (one write lock, one commit, one flush of the
/// log for the lot) while the next ones queue behind it. Each request keeps its own answer: a nonce already remembered, by this node or another,
/// or earlier in the same batch, is a replay, and nothing else of that request is written. When a statement of a batch
/// fails, each of its requests is written again alone, so that one request's failure never becomes another's; when its
/// commit fails, every request of the batch fails.
/// </summary>
public sealed class ApiKeyUseJournal : IAsyncDisposable, IDisposable
{
    /// <summary>The most requests one transaction writes.</summary>
    public const int MaxBatch = 256;

    private readonly IGateStore _store;
    private readonly Channel<Use> _queue = Channel.CreateUnbounded<Use>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private bool _committing; // read and written by the loop alone

    public ApiKeyUseJournal(IGateStore store)
    {
        _store = store;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Remembers the request's nonce in <paramref name="scope"/> until <paramref name="nonceExpiresAt"/>, writes its usage
    /// row and counts it on its key as used at <see cref="ApiKeyUsage.At"/> from <see cref="ApiKeyUsage.Ip"/>; returns when
    /// all of it is committed and durable. <c>null</c> when the nonce is live in the store (a replay: nothing is written),
    /// else the id of the usage row.
    /// </summary>
    public Task<long?> RecordAsync(string scope, string nonce, DateTimeOffset nonceExpiresAt, ApiKeyUsage usage)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentNullException.ThrowIfNull(usage);
        var use = new Use(scope, nonce, nonceExpiresAt, usage);
        return _queue.Writer.TryWrite(use) ? use.Done.Task : throw new ObjectDisposedException(nameof(ApiKeyUseJournal));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private async Task RunAsync()
    {
        var batch = new List<Use>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var use))
            {
                batch.Add(use);
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception failed) when (_committing)
            {
                // The commit or the flush of the log failed: whether the batch is durable is unknown, so none of it is
                // answered as written, nor written again (its nonces might be stored already and would read as replays).
                foreach (var use in batch)
                {
                    use.Done.TrySetException(failed);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // A statement failed and the batch rolled back as a whole: each request again on its own, so that only a
                // request that fails alone fails.
                foreach (var use in batch)
                {
                    try
                    {
                        await WriteAsync([use]);
                    }
                    catch (Exception alone)
                    {
                        use.Done.TrySetException(alone);
                    }
                }
            }
            catch (Exception failed)
            {
                batch[0].Done.TrySetException(failed);
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyList<Use> batch)
    {
        var ids = new long?[batch.Count];
        var ct = CancellationToken.None; // the requests' own aborts do not stop what others share
        _committing = false;
        await using (var unit = await _store.OpenAsync(ct))
        {
            await unit.BeginAsync(ct);
            var counts = new Dictionary<Guid, (int Requests, ApiKeyUsage Latest)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var (scope, nonce, expiresAt, usage) = batch[i];
                ids[i] = await WriteUseAsync(unit, scope, nonce, expiresAt, usage, ct);
                if (ids[i] is null)
                {
                    continue;
                }

                counts[usage.ApiKeyId] = counts.TryGetValue(usage.ApiKeyId, out var count)
                    ? (count.Requests + 1, usage.At >= count.Latest.At ? usage : count.Latest)
                    : (1, usage);
            }

            // One update per key for the whole batch, in one order on every node (so that two nodes' batches never wait on
            // each other's keys in a cycle): the count, and the time and address of its latest request.
            foreach (var (apiKeyId, (requests, latest)) in counts.OrderBy(c => c.Key))
            {
                await unit.ApiKeyUsage.CountAsync(apiKeyId, requests, 0, latest.At, latest.Ip, ct);
            }

            _committing = true;
            await unit.CommitAsync(ct);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(ids[i]);
        }
    }

    /// <summary>
    /// In <paramref name="unit"/>'s transaction: remembers the nonce, and unless it is live already (a replay: then nothing
    /// is written and the answer is <c>null</c>) writes the usage row and returns its id. The key's counters are the
    /// caller's to update.
    /// </summary>
    internal static async Task<long?> WriteUseAsync(IGateUnit unit, string scope, string nonce, DateTimeOffset nonceExpiresAt, ApiKeyUsage usage,
        CancellationToken cancellationToken) =>
        await unit.Nonces.TryRememberAsync(scope, nonce, nonceExpiresAt, usage.At, cancellationToken)
            ? await unit.ApiKeyUsage.InsertAsync(usage, cancellationToken)
            : null;

    private sealed record Use(string Scope, string Nonce, DateTimeOffset NonceExpiresAt, ApiKeyUsage Usage)
    {
        public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
