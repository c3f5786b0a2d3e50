namespace Portcullis.Storage;

/// <summary>Where the gate keeps its data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default, embedded) or <c>postgres</c> (several nodes).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The connection string. For SQLite it defaults to <c>Data Source=&lt;DataDirectory&gt;/portcullis.db</c>;
    /// for PostgreSQL it is required, e.g. <c>Host=127.0.0.1;Database=portcullis;Username=portcullis;Password=…</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data folder (SQLite database, key rings). Default <c>./.portcullis</c>.</summary>
    public string DataDirectory { get; set; } = ".portcullis";

    /// <summary>
    /// The secret key ring (encrypts TOTP and authenticator seeds). Default <c>&lt;DataDirectory&gt;/keyring.json</c>,
    /// created on first use. Nodes sharing a PostgreSQL database must share this file.
    /// </summary>
    public string? KeyRingFile { get; set; }

    public string EffectiveKeyRingFile => KeyRingFile ?? Path.Combine(DataDirectory, "keyring.json");

    /// <summary>
    /// SQLite only: commit with group commit (default <c>true</c>): transactions commit with <c>synchronous=NORMAL</c> and then
    /// wait for a shared flush of the write-ahead log before the commit returns, so concurrent writers share one fsync and a
    /// committed unit is still durable before its response. <c>false</c> flushes inside every commit (<c>synchronous=FULL</c>).
    /// PostgreSQL groups the flushes of concurrent commits itself (<c>synchronous_commit=on</c>).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string EffectiveConnectionString =>
        ConnectionString ?? (IsSqlite ? $"Data Source={Path.Combine(DataDirectory, "portcullis.db")}" : string.Empty);
}
