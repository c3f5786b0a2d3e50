namespace Portcullis.Core.Persistence;

public static class ThrottleStoreExtensions
{
    /// <summary>Resets one counter.</summary>
    public static Task ResetAsync(this IThrottleStore store, string key, CancellationToken cancellationToken) =>
        store.ResetAsync([key], cancellationToken);
}
