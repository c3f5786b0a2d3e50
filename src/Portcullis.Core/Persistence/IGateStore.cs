namespace Portcullis.Core.Persistence;

/// <summary>The database behind the gate: SQLite by default, PostgreSQL for several nodes.</summary>
public interface IGateStore
{
    /// <summary>The provider's name, e.g. <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>Opens a unit of work; dispose it when done.</summary>
    ValueTask<IGateUnit> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the database if needed and applies pending migrations.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Whether the database answers and has every migration applied.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>Why the store is or is not ready.</summary>
    Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken);
}
