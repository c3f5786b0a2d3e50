using Portcullis.Core.Factors.RecoveryCodes;

namespace Portcullis.Core.Tests.Factors;

public sealed class RecoveryCodeFormatTests
{
    [Fact]
    public void Generate_GivesFourGroupsOfFourFromTheUnambiguousAlphabet()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Matches("^[abcdefghjkmnpqrstuvwxyz23456789]{4}(-[abcdefghjkmnpqrstuvwxyz23456789]{4}){3}$", RecoveryCodeFormat.Generate());
        }
    }

    [Fact]
    public void ACode_HasAtLeast64BitsOfEntropy() => Assert.True(RecoveryCodeFormat.EntropyBits >= 64);

    [Fact]
    public void TheAlphabet_HasNoLookAlikes()
    {
        Assert.Equal(31, RecoveryCodeFormat.Alphabet.Distinct().Count());
        Assert.All("01ilo", c => Assert.DoesNotContain(c, RecoveryCodeFormat.Alphabet));
    }

    [Fact]
    public void GenerateSet_GivesDistinctFirstGroups()
    {
        var set = RecoveryCodeFormat.GenerateSet(10);

        Assert.Equal(10, set.Select(RecoveryCodeFormat.LookupOf).Distinct().Count());
    }

    [Theory]
    [InlineData("abcd-efgh-jkmn-pqrs")]
    [InlineData("ABCD-EFGH-JKMN-PQRS")]
    [InlineData("abcdefghjkmnpqrs")]
    [InlineData("  abcd efgh jkmn pqrs ")]
    [InlineData("ab-cd-ef-gh-jk-mn-pq-rs")]
    public void TryNormalize_GivesTheCanonicalForm(string typed)
    {
        Assert.True(RecoveryCodeFormat.TryNormalize(typed, out var code));
        Assert.Equal("abcd-efgh-jkmn-pqrs", code);
        Assert.Equal("abcd", RecoveryCodeFormat.LookupOf(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcd-efgh-jkmn")]
    [InlineData("abcd-efgh-jkmn-pqrst")]
    [InlineData("abcd-efgh-jkmn-pqr0")]
    [InlineData("abcd-efgh-jkmn-pqrl")]
    [InlineData("abcd_efgh_jkmn_pqrs")]
    public void TryNormalize_RefusesWhatCannotBeACode(string? typed) => Assert.False(RecoveryCodeFormat.TryNormalize(typed, out _));
}
