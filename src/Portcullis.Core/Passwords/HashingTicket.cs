namespace Portcullis.Core.Passwords;

/// <summary>
/// A place in the <see cref="PasswordHashingPool"/>. Run one piece of work with it, or dispose it unused
/// to give the place back.
/// </summary>
public sealed class HashingTicket : IDisposable
{
    private readonly PasswordHashingPool _queue;
    private int _state; // 0 unused, 1 running, 2 released

    internal HashingTicket(PasswordHashingPool queue) => _queue = queue;

    /// <summary>Runs <paramref name="work"/> on a hashing thread; the place is given back when it ends.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A hashing ticket runs one piece of work.");
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(() =>
        {
            try
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completion.TrySetCanceled(cancellationToken);
                }
                else
                {
                    var result = work();
                    _queue.Completes();
                    completion.TrySetResult(result);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                completion.TrySetException(ex);
            }
            finally
            {
                Interlocked.Exchange(ref _state, 2);
                _queue.Release();
            }
        });
        return completion.Task;
    }

    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _queue.Release();
        }
    }
}
