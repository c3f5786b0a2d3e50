using Portcullis.Core.Users;

namespace Portcullis.Core.Tests.Users;

public sealed class UsernameTests
{
    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("  ALICE ", "alice")]
    [InlineData("Ａｌｉｃｅ", "alice")]
    [InlineData("trader.one@example.com", "trader.one@example.com")]
    public void Normalize_FoldsCaseWidthAndSpace(string raw, string expected)
    {
        Assert.Equal(expected, Username.Normalize(raw));
    }

    [Theory]
    [InlineData("al")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public void IsValid_RejectsShortOrOddNames(string raw)
    {
        Assert.False(Username.IsValid(Username.Normalize(raw)));
    }

    [Fact]
    public void IsValid_RejectsNamesLongerThanTheMaximum()
    {
        Assert.True(Username.IsValid(new string('a', Username.MaxLength)));
        Assert.False(Username.IsValid(new string('a', Username.MaxLength + 1)));
    }

    [Fact]
    public void Normalize_BoundsHugeInput()
    {
        var normalized = Username.Normalize(new string('a', 100_000));

        Assert.True(normalized.Length <= 4 * Username.MaxLength);
        Assert.False(Username.IsValid(normalized));
    }
}
