namespace Portcullis.Benchmarks;

/// <summary>A clock that never moves, so that a benchmark measures one code path (e.g. no activity write).</summary>
public sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
