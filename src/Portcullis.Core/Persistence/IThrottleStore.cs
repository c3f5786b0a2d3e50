using Portcullis.Core.SignIn;

namespace Portcullis.Core.Persistence;

public interface IThrottleStore
{
    /// <summary>
    /// Returns the counter for <paramref name="key"/>, creating it if needed, locked against other writers
    /// until the unit commits. Call <see cref="IGateUnit.BeginAsync"/> first.
    /// </summary>
    Task<ThrottleCounter> LockAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads a counter without locking it (for reports and tests).</summary>
    Task<ThrottleCounter?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the counters, which resets them. Runs at once (one statement), inside the unit's transaction if begun.</summary>
    Task ResetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
