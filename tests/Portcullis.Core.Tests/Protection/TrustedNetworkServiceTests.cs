using System.Net;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

public sealed class TrustedNetworkServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Add_NormalisesTheRange_AndFeedsTheProtection()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var added = await gate.Get<TrustedNetworkService>().AddAsync(alice.Id, " 203.0.113.77/24 ", "office", null, Ct);

        Assert.Equal("203.0.113.0/24", added.Value.Cidr);
        var state = await gate.LoadAsync(alice.Id);
        Assert.True(state.IsTrusted(IPAddress.Parse("203.0.113.200")));
        Assert.False(state.IsTrusted(IPAddress.Parse("198.51.100.1")));
    }

    [Fact]
    public async Task Add_SameRangeWrittenDifferently_IsADuplicate()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var networks = gate.Get<TrustedNetworkService>();
        await networks.AddAsync(alice.Id, "2001:db8::/48", "home", null, Ct);

        var again = await networks.AddAsync(alice.Id, "2001:DB8:0:0::1/48", "home again", null, Ct);

        Assert.Equal(ProtectionErrors.NetworkExistsCode, again.Error?.Code);
    }

    [Fact]
    public async Task Add_BeyondTheLimit_IsRefused()
    {
        await using var gate = await ProtectionFixture.StartAsync(new Dictionary<string, string?> { ["Protection:MaxTrustedNetworks"] = "2" });
        var alice = await gate.CreateUserAsync();
        var networks = gate.Get<TrustedNetworkService>();
        await networks.AddAsync(alice.Id, "10.0.0.0/24", "a", null, Ct);
        await networks.AddAsync(alice.Id, "10.0.1.0/24", "b", null, Ct);

        var third = await networks.AddAsync(alice.Id, "10.0.2.0/24", "c", null, Ct);

        Assert.Equal(ProtectionErrors.NetworkLimitCode, third.Error?.Code);
    }

    [Fact]
    public async Task Add_WithoutLabel_IsRefused()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<TrustedNetworkService>().AddAsync(alice.Id, "10.0.0.0/24", "  ", null, Ct);

        Assert.Equal(ProtectionErrors.NetworkLabelInvalidCode, result.Error?.Code);
    }

    [Fact]
    public async Task Remove_StopsTrusting_AndAnotherUsersNetworkIsNotFound()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var mallory = await gate.CreateUserAsync("mallory");
        var networks = gate.Get<TrustedNetworkService>();
        var office = (await networks.AddAsync(alice.Id, "10.0.0.0/24", "office", null, Ct)).Value;

        Assert.Equal(ProtectionErrors.NetworkNotFoundCode, (await networks.RemoveAsync(mallory.Id, office.Id, null, Ct)).Error?.Code);
        Assert.True((await networks.RemoveAsync(alice.Id, office.Id, null, Ct)).IsSuccess);
        Assert.Empty((await gate.LoadAsync(alice.Id)).TrustedNetworks);
    }
}
