using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portcullis.Core.Audit;

namespace Portcullis.Cli.Tests;

/// <summary>
/// <c>portcullis audit verify|export</c>, and the acceptance test of the hash chain: tampering with the SQLite
/// file behind the gate's back is detected and the broken row named.
/// </summary>
public sealed class AuditCommandsTests : IAsyncLifetime
{
    private const string ZeroHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private CliStore _store = null!;

    public async Task InitializeAsync() => _store = await CliStore.InitialisedAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_FreshStore_IsOkWithTheEventCount()
    {
        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("OK: 1 audit event, chain intact", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterActivity_CountsEveryEvent()
    {
        await MakeActivityAsync();

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("OK: 5 audit events, chain intact", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Jsonl_WritesOneChainedJsonObjectPerEvent()
    {
        await MakeActivityAsync();

        var result = await _store.RunAsync("audit", "export", "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var events = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, events.Count);
        var previous = ZeroHash;
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(JsonValueKind.Object, events[i].ValueKind);
            Assert.Equal(i + 1, events[i].GetProperty("sequence").GetInt64());
            Assert.Equal(previous, events[i].GetProperty("previous_hash").GetString());
            var hash = events[i].GetProperty("hash").GetString();
            Assert.Matches("^[0-9a-f]{64}$", hash);
            Assert.Equal(JsonValueKind.Object, events[i].GetProperty("data").ValueKind);
            previous = hash!;
        }

        Assert.StartsWith(previous[..16], HeadOf((await _store.RunAsync("audit", "verify")).Out), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IsTheDefaultFormat()
    {
        var result = await _store.RunAsync("audit", "export");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var only = JsonDocument.Parse(Assert.Single(result.OutLines)).RootElement;
        Assert.Equal("user.created", only.GetProperty("type").GetString());
        Assert.Equal("cli", only.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Export_WithOutput_WritesTheFileInsteadOfStandardOutput()
    {
        await MakeActivityAsync();
        var file = Path.Combine(_store.Folder, "audit.jsonl");

        var result = await _store.RunAsync("audit", "export", "--output", file);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Empty(result.Out);
        Assert.Contains("Exported 5 audit events", result.Error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        Assert.Equal(Enumerable.Range(1, 5), lines.Select(l => (int)JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Export_WithOutput_MatchesStandardOutputExport()
    {
        await MakeActivityAsync();
        var file = Path.Combine(_store.Folder, "audit.jsonl");

        await _store.RunAsync("audit", "export", "-o", file);
        var stdout = await _store.RunAsync("audit", "export");

        Assert.Equal(stdout.OutLines, File.ReadAllLines(file).Where(l => l.Length > 0));
    }

    [Fact]
    public async Task Export_ToAFolderThatDoesNotExist_FailsWithOneLine()
    {
        var file = Path.Combine(_store.Folder, "no-such-folder", "audit.jsonl");

        var result = await _store.RunAsync("audit", "export", "--output", file);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("audit.jsonl", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditRows_UpdateIsRefusedByTheStore()
    {
        await MakeActivityAsync();
        using var db = _store.OpenDatabase();

        var refused = Assert.Throws<SqliteException>(() => Execute(db, "UPDATE audit_events SET code = 'forged' WHERE sequence = 3"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditRows_DeleteIsRefusedByTheStore()
    {
        await MakeActivityAsync();
        using var db = _store.OpenDatabase();

        var refused = Assert.Throws<SqliteException>(() => Execute(db, "DELETE FROM audit_events WHERE sequence = 3"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChangedCode_FailsNamingTheRow()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET code = 'forged' WHERE sequence = 3");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 3 (hash_mismatch)", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 rows before it verified.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChangedData_FailsNamingTheRow()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_update", """UPDATE audit_events SET data = '{"sessions_revoked":0,"note":"x"}' WHERE sequence = 3""");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 3 (hash_mismatch)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChangedTime_FailsNamingTheRow()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET at = at - 3600000000 WHERE sequence = 2");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 2 (hash_mismatch)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedRow_FailsNamingTheGap()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE sequence = 3");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 4 (sequence_gap)", result.Out, StringComparison.Ordinal);
        Assert.Contains("rows 3..3 are missing", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedNewestRow_FailsAgainstTheHead()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE sequence = 5");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 5 (head_mismatch)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowRechainedWithoutItsSuccessor_FailsAtTheSuccessorLink()
    {
        await MakeActivityAsync();
        var forged = await ForgeRowThreeAsync();
        Tamper("DROP TRIGGER audit_events_no_update",
            $"UPDATE audit_events SET code = 'forged', hash = X'{forged}' WHERE sequence = 3");

        var result = await _store.RunAsync("audit", "verify");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("BROKEN at row 4 (link_mismatch)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterTampering_LaterActivityDoesNotHideIt()
    {
        await MakeActivityAsync();
        Tamper("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET code = 'forged' WHERE sequence = 3");

        await _store.RunAsync("user", "add", "dave");
        var result = await _store.RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("BROKEN at row 3 (hash_mismatch)", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Events 2..5 after init's user.created: alice added, disabled, enabled, unlocked (a reset would add its cool-down).</summary>
    private async Task MakeActivityAsync()
    {
        foreach (var command in new[] { "add", "disable", "enable", "unlock" })
        {
            var result = await _store.RunAsync("user", command, "alice");
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }
    }

    /// <summary>The hash row 3 would have with code 'forged', computed the way the chain does (a careful forger).</summary>
    private async Task<string> ForgeRowThreeAsync()
    {
        var export = await _store.RunAsync("audit", "export");
        var row = JsonDocument.Parse(export.OutLines[2]).RootElement;
        var hash = AuditChain.ComputeHash(
            row.GetProperty("sequence").GetInt64(),
            DateTimeOffset.Parse(row.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            row.GetProperty("actor").GetString()!,
            row.GetProperty("subject").GetString(),
            row.GetProperty("type").GetString()!,
            "forged",
            row.GetProperty("ip").ValueKind == JsonValueKind.Null ? null : row.GetProperty("ip").GetString(),
            row.GetProperty("data").GetRawText(),
            Convert.FromHexString(row.GetProperty("previous_hash").GetString()!));
        return Convert.ToHexString(hash);
    }

    private void Tamper(params string[] statements)
    {
        using (var db = _store.OpenDatabase())
        {
            foreach (var statement in statements)
            {
                Execute(db, statement);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string HeadOf(string verifyOutput)
    {
        const string marker = "(head ";
        var start = verifyOutput.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return verifyOutput[start..verifyOutput.IndexOf(')', start)];
    }
}
