using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portcullis.Ledger;

/// <summary>
/// Checks <see cref="LedgerOptions"/> and reports every problem at once as <c>Ledger:Path: problem (value: …)</c>, the
/// gate's format. Connection strings are never echoed. Nothing is corrected silently.
/// </summary>
public sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(LedgerOptions o)
    {
        var problems = new List<string>();
        void Add(string path, string message, object? value) =>
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{LedgerOptions.Section}:{path}: {message} (value: {value ?? "null"})"));

        if (!o.IsSqlite && !o.IsPostgres)
        {
            Add("Provider", "must be 'sqlite' or 'postgres'", o.Provider);
        }
        else if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Add("ConnectionString", "is required", null);
        }
        else
        {
            try
            {
                _ = o.IsSqlite ? new SqliteConnectionStringBuilder(o.ConnectionString) : (object)new NpgsqlConnectionStringBuilder(o.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                Add("ConnectionString", $"is not a valid {o.Provider} connection string ({ex.GetType().Name})", "hidden");
            }
        }

        if (o.DestinationHold < TimeSpan.Zero || o.DestinationHold > TimeSpan.FromDays(30))
        {
            Add("DestinationHold", "must be between 00:00:00 and 30.00:00:00", o.DestinationHold);
        }

        if (o.WithdrawalLimitPerRequest <= 0)
        {
            Add("WithdrawalLimitPerRequest", "must be positive", o.WithdrawalLimitPerRequest);
        }

        if (o.WithdrawalLimitPerFiveDays < o.WithdrawalLimitPerRequest)
        {
            Add("WithdrawalLimitPerFiveDays", "must be at least WithdrawalLimitPerRequest", o.WithdrawalLimitPerFiveDays);
        }

        if (o.DepositLimitPerRequest <= 0)
        {
            Add("DepositLimitPerRequest", "must be positive", o.DepositLimitPerRequest);
        }

        if (o.MaxLeverage < 1 || o.MaxLeverage > 50)
        {
            Add("MaxLeverage", "must be between 1 and 50", o.MaxLeverage);
        }

        if (o.DayEndsAtUtc < TimeSpan.Zero || o.DayEndsAtUtc >= TimeSpan.FromDays(1))
        {
            Add("DayEndsAtUtc", "must be a time of day (00:00:00 to 23:59:59)", o.DayEndsAtUtc);
        }

        if (o.MaxOrderQuantity <= 0 || o.MaxOrderQuantity > 1_000_000_000_000m)
        {
            Add("MaxOrderQuantity", "must be positive and at most 1,000,000,000,000", o.MaxOrderQuantity);
        }

        if (o.MaxOrderNotional <= 0 || o.MaxOrderNotional > 1_000_000_000_000m)
        {
            Add("MaxOrderNotional", "must be positive and at most 1,000,000,000,000", o.MaxOrderNotional);
        }

        var p = o.Prices;
        if (p.Source is not (LedgerPriceOptions.RandomWalk or LedgerPriceOptions.Static))
        {
            Add("Prices:Source", "must be 'random-walk' or 'static'", p.Source);
        }
        else if (p.Source == LedgerPriceOptions.Static && string.IsNullOrWhiteSpace(p.File))
        {
            Add("Prices:File", "is required when Prices:Source is 'static'", p.File);
        }

        if (!string.IsNullOrWhiteSpace(p.File) && !File.Exists(p.File))
        {
            Add("Prices:File", "does not exist", p.File);
        }

        if (p.Step <= TimeSpan.Zero)
        {
            Add("Prices:Step", "must be positive", p.Step);
        }

        if (p.Volatility < 0 || p.Volatility > 0.5m)
        {
            Add("Prices:Volatility", "must be between 0 and 0.5", p.Volatility);
        }

        if (p.ProcessInterval <= TimeSpan.Zero)
        {
            Add("Prices:ProcessInterval", "must be positive", p.ProcessInterval);
        }

        return problems;
    }
}
