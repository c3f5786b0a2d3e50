using Portcullis.Core.Sessions;

namespace Portcullis.Core.Tests.Sessions;

public sealed class SessionTokenTests
{
    [Fact]
    public void NewSessionToken_Carries256RandomBitsBehindItsPrefix()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SessionToken.NewSessionToken()).ToList();

        Assert.All(tokens, t =>
        {
            Assert.StartsWith(SessionToken.SessionPrefix, t, StringComparison.Ordinal);
            Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(t.AsSpan(SessionToken.SessionPrefix.Length)).Length);
            Assert.True(SessionToken.HasShape(t, SessionToken.SessionPrefix));
        });
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pcs_short")]
    [InlineData("pcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void HasShape_RejectsWrongPrefixOrLength(string? token)
    {
        Assert.False(SessionToken.HasShape(token, SessionToken.SessionPrefix));
    }

    [Fact]
    public void Hash_IsSha256OfTheToken()
    {
        var token = SessionToken.NewDeviceToken();

        Assert.Equal(32, SessionToken.Hash(token).Length);
        Assert.Equal(SessionToken.Hash(token), SessionToken.Hash(token));
        Assert.NotEqual(SessionToken.Hash(token), SessionToken.Hash(SessionToken.NewDeviceToken()));
    }
}
