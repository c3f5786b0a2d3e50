namespace Portcullis.Ledger;

/// <summary>The paper ledger's settings (configuration section <c>Ledger</c>). Amount limits are in the account's base currency.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>. The ledger may share the gate's database (its tables are prefixed <c>ledger_</c>).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required, e.g. <c>Data Source=.portcullis/portcullis.db</c> or <c>Host=…;Database=portcullis;…</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a new withdrawal destination waits before it can be used. Default 24 h.</summary>
    public TimeSpan DestinationHold { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most one withdrawal may move. Default 50,000.</summary>
    public decimal WithdrawalLimitPerRequest { get; set; } = 50_000m;

    /// <summary>The most withdrawals may move in any rolling 5 days (120 h). Default 100,000.</summary>
    public decimal WithdrawalLimitPerFiveDays { get; set; } = 100_000m;

    /// <summary>The largest single demo deposit. Default 1,000,000.</summary>
    public decimal DepositLimitPerRequest { get; set; } = 1_000_000m;

    /// <summary>The highest leverage a margin account may choose. Default 4.</summary>
    public decimal MaxLeverage { get; set; } = 4m;

    /// <summary>Day orders still open at this UTC time of day expire. Default 21:00 (16:00 New York in winter).</summary>
    public TimeSpan DayEndsAtUtc { get; set; } = TimeSpan.FromHours(21);

    /// <summary>The largest quantity one order may have. Default 1,000,000,000.</summary>
    public decimal MaxOrderQuantity { get; set; } = 1_000_000_000m;

    /// <summary>The largest notional one order may have, in the base currency. Default 1,000,000,000.</summary>
    public decimal MaxOrderNotional { get; set; } = 1_000_000_000m;

    public LedgerPriceOptions Prices { get; set; } = new();

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
