using Portcullis.Ledger;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Prices;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis ledger check</c>: OK with the counts on consistent books, exit 1 naming the problem when a journal line is changed behind the ledger's back.</summary>
public sealed class LedgerCommandsTests : IAsyncLifetime
{
    private CliStore _store = null!;

    public async Task InitializeAsync() => _store = await CliStore.InitialisedAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private string LedgerFile => Path.Combine(_store.DataDirectory, "ledger.db");

    [Fact]
    public async Task Check_FreshLedger_IsOk()
    {
        var result = await _store.RunAsync("ledger", "check");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("OK: 0 journal entries balanced; 0 accounts matching the journal.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AfterAJournalLineIsChanged_ExitsOneNamingTheInconsistency()
    {
        using (var ledger = new PaperBrokerage(new LedgerOptions { ConnectionString = $"Data Source={LedgerFile}" },
            new StaticPriceSource(DemoInstruments.StartPrices, TimeProvider.System), TimeProvider.System))
        {
            var account = Guid.NewGuid();
            Assert.True((await ledger.OpenAccountAsync(account, "USD", "Portcullis Paper Securities LLC", "US", CancellationToken.None)).IsSuccess);
            Assert.True((await ledger.DepositAsync(account, "USD", 1_000m, null, CancellationToken.None)).IsSuccess);
        }

        var ok = await _store.RunAsync("ledger", "check");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={LedgerFile};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE ledger_journal_lines SET amount = '999' WHERE line_no = (SELECT MIN(line_no) FROM ledger_journal_lines)";
            Assert.Equal(1, tamper.ExecuteNonQuery());
        }

        var broken = await _store.RunAsync("ledger", "check");

        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.ToString());
        Assert.StartsWith("OK: 1 journal entry balanced; 1 account matching the journal.", ok.Out, StringComparison.Ordinal);
        Assert.True(broken.ExitCode == ExitCodes.Failed, broken.ToString());
        Assert.StartsWith("INCONSISTENT: ", broken.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Help_SaysWhatItDoes()
    {
        var result = await _store.RunAsync("ledger", "check", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("every journal entry balances", result.Out, StringComparison.Ordinal);
    }
}
