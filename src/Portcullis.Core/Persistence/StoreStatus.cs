namespace Portcullis.Core.Persistence;

/// <summary>What state the database is in.</summary>
public enum StoreStatus
{
    /// <summary>Reachable, with every migration applied.</summary>
    Ready = 0,

    /// <summary>The database (or its server) cannot be reached.</summary>
    Unreachable = 1,

    /// <summary>Reachable (or, for SQLite, absent) with no migration applied: run <c>portcullis init</c>.</summary>
    Uninitialised = 2,

    /// <summary>Some migrations are missing: <c>portcullis init</c> or <c>serve</c> applies them.</summary>
    Outdated = 3,
}
