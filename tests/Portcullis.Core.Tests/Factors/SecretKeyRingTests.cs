using System.Security.Cryptography;
using Portcullis.Core.Secrets;

namespace Portcullis.Core.Tests.Factors;

public sealed class SecretKeyRingTests
{
    private static SecretKeyRing Ring(uint current, params uint[] ids) =>
        new(ids.ToDictionary(id => id, id => Enumerable.Repeat((byte)id, 32).ToArray()), current);

    [Fact]
    public void Protect_ThenUnprotect_RoundTripsAndHidesThePlaintext()
    {
        var ring = Ring(1, 1);
        var secret = RandomNumberGenerator.GetBytes(20);

        var sealedData = ring.Protect(secret, "factor.totp.secret");

        Assert.Equal(secret, ring.Unprotect(sealedData, "factor.totp.secret"));
        Assert.DoesNotContain(Convert.ToHexString(secret), Convert.ToHexString(sealedData), StringComparison.Ordinal);
        Assert.NotEqual(sealedData, ring.Protect(secret, "factor.totp.secret"));
    }

    [Fact]
    public void Unprotect_WithAnotherPurpose_Fails()
    {
        var ring = Ring(1, 1);

        Assert.Null(ring.Unprotect(ring.Protect([1, 2, 3], "a"), "b"));
    }

    [Fact]
    public void Unprotect_TamperedData_Fails()
    {
        var ring = Ring(1, 1);
        var sealedData = ring.Protect([1, 2, 3], "a");
        sealedData[^1] ^= 1;

        Assert.Null(ring.Unprotect(sealedData, "a"));
        Assert.Null(ring.Unprotect(sealedData.AsSpan(0, 10), "a"));
    }

    [Fact]
    public void AfterRotation_OldDataStillOpens_AndNewDataUsesTheNewKey()
    {
        var old = Ring(1, 1);
        var sealedBefore = old.Protect([7, 7, 7], "a");
        var rotated = Ring(2, 1, 2);

        Assert.Equal(new byte[] { 7, 7, 7 }, rotated.Unprotect(sealedBefore, "a"));
        Assert.Null(old.Unprotect(rotated.Protect([8], "a"), "a"));
    }
}
