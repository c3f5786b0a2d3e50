using System.Net;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Core.Tests.ApiKeys;

public sealed class ApiSessionKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static ApiSessionKey Session(string boundIp = "198.51.100.7") => new()
    {
        Id = Guid.CreateVersion7(Now),
        KeyId = ApiSessionKeys.NewKeyId(),
        ApiKeyId = Guid.NewGuid(),
        SecretCiphertext = [1],
        BoundIp = boundIp,
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(15),
    };

    private static string? Code(ApiSessionKey session, string? ip, DateTimeOffset at) =>
        ApiSessionKeys.Check(session, ip is null ? null : IPAddress.Parse(ip), at)?.Code;

    [Fact]
    public void FromItsAddress_BeforeItExpires_ItMaySign() => Assert.Null(Code(Session(), "198.51.100.7", Now.AddMinutes(15).AddTicks(-10)));

    [Fact]
    public void AnIPv4MappedAddress_IsTheSameAddress() => Assert.Null(Code(Session(), "::ffff:198.51.100.7", Now));

    [Fact]
    public void AtItsExpiry_ItHasExpired() =>
        Assert.Equal(ApiKeyRequestErrors.SessionKeyExpiredCode, Code(Session(), "198.51.100.7", Now.AddMinutes(15)));

    [Theory]
    [InlineData("198.51.100.8")]
    [InlineData("2001:db8::7")]
    [InlineData(null)]
    public void FromAnotherAddress_ItIsNotAllowed(string? ip) => Assert.Equal(ApiKeyRequestErrors.IpNotAllowedCode, Code(Session(), ip, Now));

    [Fact]
    public void ABoundIPv6Address_MatchesItselfOnly()
    {
        Assert.Null(Code(Session("2001:db8::7"), "2001:db8::7", Now));
        Assert.Equal(ApiKeyRequestErrors.IpNotAllowedCode, Code(Session("2001:db8::7"), "2001:db8::8", Now));
    }

    [Fact]
    public void ARevokedSessionKey_IsRevoked_EvenFromItsAddress()
    {
        var session = Session();
        session.RevokedAt = Now;

        Assert.Equal(ApiKeyRequestErrors.KeyRevokedCode, Code(session, "198.51.100.7", Now));
    }

    [Fact]
    public void KeyIds_AreSkAnd24Base32Characters_AndDiffer()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ApiSessionKeys.NewKeyId()).ToList();

        Assert.All(ids, id => Assert.Matches("^sk_[a-z2-7]{24}$", id));
        Assert.All(ids, id => Assert.True(ApiSessionKeys.IsSessionKeyId(id)));
        Assert.False(ApiSessionKeys.IsSessionKeyId("pk_aaaaaaaaaaaaaaaaaaaaaaaa"));
        Assert.Equal(100, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
