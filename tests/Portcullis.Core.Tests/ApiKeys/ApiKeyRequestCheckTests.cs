using System.Net;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Policy;

namespace Portcullis.Core.Tests.ApiKeys;

/// <summary>A key's scopes as attributes of a signed request: one valid order, then one thing changed per test.</summary>
public sealed class ApiKeyRequestCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static ApiKey Key(ApiKeyPermissions permissions = ApiKeyPermissions.Read | ApiKeyPermissions.Trade, string[]? allowlist = null,
        DateTimeOffset? tradeLapsesAt = null) => new()
        {
            Id = Guid.NewGuid(),
            UserId = Guid.NewGuid(),
            KeyId = "pk_AAAAAAAAAAAAAAAAAAAAAAAA",
            Name = "Bot",
            Algorithm = ApiKeyAlgorithm.Ed25519,
            Permissions = permissions,
            AssetClasses = ["stock"],
            Markets = ["US"],
            Symbols = [],
            OrderTypes = ["limit"],
            MaxOrderNotional = 10_000m,
            IpAllowlist = allowlist ?? ["127.0.0.2/32", "2001:db8::/32"],
            CreatedAt = Now.AddDays(-1),
            ExpiresAt = Now.AddDays(30),
            TradeLapsesAt = tradeLapsesAt,
        };

    private static OperationRequest Order() => new()
    {
        Operation = Operations.OrderPlace,
        UserId = Guid.NewGuid(),
        Initiator = InitiatorKind.ApiKey,
        SourceIp = IPAddress.Parse("127.0.0.2"),
        Instrument = "ACME",
        AssetClass = "stock",
        Market = "US",
        OrderType = "limit",
        Notional = 9_000m,
    };

    private static string? Code(ApiKey key, OperationRequest request) =>
        (ApiKeyRequestCheck.CheckAccess(key, request.Operation, request.SourceIp, Now) ?? ApiKeyRequestCheck.CheckScopes(key, request))?.Code;

    [Fact]
    public void AnOrderWithinTheScopes_Passes() => Assert.Null(Code(Key(), Order()));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2001:db9::1")]
    public void AnAddressOutsideTheAllowlist_IsRefused(string ip) =>
        Assert.Equal(ApiKeyRequestErrors.IpNotAllowedCode, Code(Key(), Order() with { SourceIp = IPAddress.Parse(ip) }));

    [Theory]
    [InlineData("2001:db8:1::5")]
    [InlineData("::ffff:127.0.0.2")]
    public void AnAddressInsideTheAllowlist_Passes(string ip) => Assert.Null(Code(Key(), Order() with { SourceIp = IPAddress.Parse(ip) }));

    [Fact]
    public void AnOptionOrder_IsOutOfScope() => Assert.Equal(ApiKeyRequestErrors.OutOfScopeCode, Code(Key(), Order() with { AssetClass = "option" }));

    [Fact]
    public void AMarketOrder_IsOutOfScope() => Assert.Equal(ApiKeyRequestErrors.OutOfScopeCode, Code(Key(), Order() with { OrderType = "market" }));

    [Fact]
    public void AnOrderWithoutItsAttributes_FailsClosed() =>
        Assert.Equal(ApiKeyRequestErrors.OutOfScopeCode, Code(Key(), Order() with { AssetClass = null }));

    [Fact]
    public void AnOrderOverTheNotional_ExceedsTheLimit() =>
        Assert.Equal(ApiKeyRequestErrors.LimitExceededCode, Code(Key(), Order() with { Notional = 20_000m }));

    [Fact]
    public void AReadOnlyKey_CannotTrade() =>
        Assert.Equal(ApiKeyRequestErrors.PermissionDeniedCode, Code(Key(ApiKeyPermissions.Read), Order()));

    [Fact]
    public void ALapsedTradePermission_CannotTrade_ButStillReads()
    {
        var key = Key(allowlist: [], tradeLapsesAt: Now);

        Assert.Equal(ApiKeyRequestErrors.PermissionDeniedCode, Code(key, Order()));
        Assert.Null(Code(key, Order() with { Operation = Operations.PortfolioRead }));
    }

    [Fact]
    public void CancellingAnOrder_HasNoScopes() =>
        Assert.Null(Code(Key(), Order() with { Operation = Operations.OrderCancel, AssetClass = "option", Notional = null }));

    [Theory]
    [InlineData(Operations.WithdrawalRequest, false)]
    [InlineData(Operations.ApiKeyCreate, false)]
    [InlineData(Operations.PortfolioRead, true)]
    [InlineData(Operations.OrderReplace, true)]
    [InlineData(Operations.ApiKeySessionKeyCreate, true)]
    public void OnlyReadsOrdersAndSessionKeys_AreKeyOperations(string operation, bool expected) =>
        Assert.Equal(expected, ApiKeyRequestCheck.IsKeyOperation(operation));

    [Fact]
    public void AskingForASessionKey_NeedsNoPermissionOfItsOwn_ButTheAllowlistApplies()
    {
        var request = Order() with { Operation = Operations.ApiKeySessionKeyCreate };

        Assert.Null(Code(Key(ApiKeyPermissions.Read), request));
        Assert.Null(Code(Key(allowlist: [], tradeLapsesAt: Now), request));
        Assert.Equal(ApiKeyRequestErrors.IpNotAllowedCode, Code(Key(), request with { SourceIp = IPAddress.Parse("127.0.0.1") }));
    }
}
