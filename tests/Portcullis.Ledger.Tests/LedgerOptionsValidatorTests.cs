namespace Portcullis.Ledger.Tests;

public sealed class LedgerOptionsValidatorTests
{
    private static LedgerOptions Valid() => new() { Provider = "sqlite", ConnectionString = "Data Source=ledger.db" };

    [Fact]
    public void Defaults_WithAConnectionString_AreValid() => Assert.Empty(LedgerOptionsValidator.Problems(Valid()));

    [Fact]
    public void EveryProblem_IsReportedAtOnce_WithItsPathAndValue()
    {
        var options = Valid();
        options.Provider = "mysql";
        options.DestinationHold = TimeSpan.FromHours(-1);
        options.WithdrawalLimitPerRequest = 0;
        options.MaxLeverage = 100;
        options.DayEndsAtUtc = TimeSpan.FromHours(25);
        options.Prices.Source = "feed";
        options.Prices.Volatility = 2;

        var problems = LedgerOptionsValidator.Problems(options);

        Assert.Equal(
        [
            "Ledger:Provider: must be 'sqlite' or 'postgres' (value: mysql)",
            "Ledger:DestinationHold: must be between 00:00:00 and 30.00:00:00 (value: -01:00:00)",
            "Ledger:WithdrawalLimitPerRequest: must be positive (value: 0)",
            "Ledger:MaxLeverage: must be between 1 and 50 (value: 100)",
            "Ledger:DayEndsAtUtc: must be a time of day (00:00:00 to 23:59:59) (value: 1.01:00:00)",
            "Ledger:Prices:Source: must be 'random-walk' or 'static' (value: feed)",
            "Ledger:Prices:Volatility: must be between 0 and 0.5 (value: 2)",
        ], problems);
    }

    [Fact]
    public void ConnectionString_IsRequired_AndNeverEchoed()
    {
        var missing = Valid();
        missing.ConnectionString = null;
        var bad = Valid();
        bad.Provider = "postgres";
        bad.ConnectionString = "Password=secret;Nonsense";

        Assert.Equal(["Ledger:ConnectionString: is required (value: null)"], LedgerOptionsValidator.Problems(missing));
        var problem = Assert.Single(LedgerOptionsValidator.Problems(bad));
        Assert.StartsWith("Ledger:ConnectionString: is not a valid postgres connection string", problem);
        Assert.DoesNotContain("secret", problem);
    }

    [Fact]
    public void StaticPrices_NeedAnExistingFile()
    {
        var options = Valid();
        options.Prices.Source = "static";
        Assert.Equal(["Ledger:Prices:File: is required when Prices:Source is 'static' (value: null)"], LedgerOptionsValidator.Problems(options));

        options.Prices.File = "/nonexistent/prices.json";
        Assert.Equal(["Ledger:Prices:File: does not exist (value: /nonexistent/prices.json)"], LedgerOptionsValidator.Problems(options));
    }
}
