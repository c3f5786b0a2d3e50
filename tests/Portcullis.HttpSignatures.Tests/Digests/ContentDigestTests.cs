using Portcullis.HttpSignatures.Digests;

namespace Portcullis.HttpSignatures.Tests.Digests;

public sealed class ContentDigestTests
{
    private static readonly byte[] Body = "{\"hello\": \"world\"}"u8.ToArray();

    [Fact]
    public void Create_Sha256_MatchesRfc9530Example() =>
        // RFC 9530 §2 / Appendix B example for {"hello": "world"}.
        Assert.Equal("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigest.Create(Body));

    [Fact]
    public void Verify_BothAlgorithms_Match()
    {
        var value = ContentDigest.Create(Body) + ", " + ContentDigest.Create(Body, ContentDigest.Sha512);

        Assert.True(ContentDigest.Verify(value, Body).IsSuccess);
    }

    [Fact]
    public void Verify_OneOfTwoWrong_Fails()
    {
        var value = ContentDigest.Create(Body) + ", " + ContentDigest.Create("other"u8, ContentDigest.Sha512);

        Assert.Equal(HttpSignatureErrors.DigestMismatch, ContentDigest.Verify(value, Body).Error?.Code);
    }

    [Theory]
    [InlineData("md5=:AAAA:")]
    [InlineData("sha-256=\"abc\"")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE")]
    [InlineData("")]
    public void Verify_UnsupportedOrMalformed_Fails(string value) =>
        Assert.Equal(HttpSignatureErrors.DigestMismatch, ContentDigest.Verify(value, Body).Error?.Code);

    [Fact]
    public void Verify_ChangedBody_Fails() =>
        Assert.Equal(HttpSignatureErrors.DigestMismatch, ContentDigest.Verify(ContentDigest.Create(Body), "{\"hello\": \"World\"}"u8).Error?.Code);
}
