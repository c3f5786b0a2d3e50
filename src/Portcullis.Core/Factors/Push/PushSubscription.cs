namespace Portcullis.Core.Factors.Push;

/// <summary>Listening for one key's signals (see <see cref="PushSignals"/>); dispose to stop.</summary>
public sealed class PushSubscription : IDisposable
{
    private readonly PushSignals _owner;
    private readonly Guid _key;
    private bool _disposed;

    internal PushSubscription(PushSignals owner, Guid key)
    {
        _owner = owner;
        _key = key;
    }

    /// <summary>A task that completes at the next signal for the key.</summary>
    public Task Next() => _owner.Current(_key);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _owner.Release(_key);
        }
    }
}
