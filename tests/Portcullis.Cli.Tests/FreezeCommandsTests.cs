using System.Text.Json;
using Portcullis.Core.Audit;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis freeze list|set|lift --user NAME</c>.</summary>
public sealed class FreezeCommandsTests : IAsyncLifetime
{
    private CliStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CliStore.InitialisedAsync();
        Assert.Equal(ExitCodes.Ok, (await _store.RunAsync("user", "add", "alice")).ExitCode);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SetListLift_FreezesThenLiftsAtOnce_AndAuditsBoth()
    {
        var set = await _store.RunAsync("freeze", "set", "--user", "alice", "--capability", "withdrawals", "--capability", "api", "--reason", "support case 42");
        Assert.True(set.ExitCode == ExitCodes.Ok, set.ToString());
        Assert.Contains("Frozen: withdrawals, api", set.Out, StringComparison.Ordinal);

        var list = await _store.RunAsync("freeze", "list", "--user", "alice", "--json");
        var freeze = JsonDocument.Parse(Assert.Single(list.OutLines)).RootElement;
        Assert.Equal(("active", "operator", "support case 42"),
            (freeze.GetProperty("state").GetString(), freeze.GetProperty("source").GetString(), freeze.GetProperty("reason").GetString()));

        var lift = await _store.RunAsync("freeze", "lift", "--user", "alice", "--id", freeze.GetProperty("id").GetString()!);
        Assert.True(lift.ExitCode == ExitCodes.Ok, lift.ToString());
        var after = await _store.RunAsync("freeze", "list", "--user", "alice", "--json");
        Assert.Equal("lifted", JsonDocument.Parse(Assert.Single(after.OutLines)).RootElement.GetProperty("state").GetString());
        var audit = await _store.RunAsync("audit", "export");
        Assert.Contains(AuditEventTypes.FreezeSet, audit.Out, StringComparison.Ordinal);
        Assert.Contains(AuditEventTypes.FreezeLifted, audit.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_ForUnknownUser_Fails()
    {
        var result = await _store.RunAsync("freeze", "set", "--user", "nobody", "--capability", "all");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no user 'nobody'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WithUnknownCapability_IsAUsageError()
    {
        var result = await _store.RunAsync("freeze", "set", "--user", "alice", "--capability", "margin");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
    }
}
