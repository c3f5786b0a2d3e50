using Portcullis.Core.Notifications;

namespace Portcullis.Core.Tests.Notifications;

public sealed class AntiPhishingPhrasesTests
{
    [Theory]
    [InlineData("  purple otter  ", "purple otter")]
    [InlineData("ｆｕｌｌｗｉｄｔｈ", "fullwidth")]
    [InlineData("caf\u0065\u0301 au lait", "café au lait")]
    [InlineData("abcd", "abcd")]
    public void Normalize_AppliesNfkcAndTrims(string input, string expected) => Assert.Equal(expected, AntiPhishingPhrases.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("   ab   ")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("bidi\u202Eoverride")]
    [InlineData("zero\u200Bwidth")]
    public void Normalize_RefusesShortOrControlCharacters(string? input) => Assert.Null(AntiPhishingPhrases.Normalize(input));

    [Fact]
    public void Normalize_RefusesALoneSurrogate() => Assert.Null(AntiPhishingPhrases.Normalize("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void Normalize_AcceptsUpTo64Characters()
    {
        Assert.NotNull(AntiPhishingPhrases.Normalize(new string('x', 64)));
        Assert.Null(AntiPhishingPhrases.Normalize(new string('x', 65)));
    }
}
