using Portcullis.Core.Passwords;

namespace Portcullis.Core.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new(new PasswordOptions(), PasswordBlocklist.Default);
    private static readonly PasswordContext SingleFactor = new("alice", HasSecondFactor: false);
    private static readonly PasswordContext MultiFactor = new("alice", HasSecondFactor: true);

    private static string? Code(string password, PasswordContext? context = null) =>
        Policy.Check(password, context ?? SingleFactor).Error?.Code;

    [Fact]
    public void Check_LongPassphraseWithoutCompositionRules_IsAccepted()
    {
        Assert.Null(Code("velvet harbour kettle drums"));
    }

    [Fact]
    public void Check_FourteenCharactersWithoutSecondFactor_IsTooShort()
    {
        Assert.Equal(PasswordErrors.TooShortCode, Code("vkq7mzr2xw9tpb"));
        Assert.Null(Code("vkq7mzr2xw9tpbn"));
    }

    [Fact]
    public void Check_EightCharactersWithSecondFactor_IsAccepted()
    {
        Assert.Null(Code("vkq7mzr2", MultiFactor));
        Assert.Equal(PasswordErrors.TooShortCode, Code("vkq7mzr", MultiFactor));
    }

    [Fact]
    public void Check_SixtyFourCharacters_AreAccepted_AndLongerThanMaximumRejected()
    {
        var sixtyFour = string.Concat(Enumerable.Range(0, 16).Select(i => "kq7" + (char)('a' + i)));
        Assert.Equal(64, sixtyFour.Length);
        Assert.Null(Code(sixtyFour));
        var tooLong = string.Concat(Enumerable.Range(0, 65).Select(i => "kq7" + (char)('a' + (i % 26))));
        Assert.Equal(PasswordErrors.TooLongCode, Code(tooLong));
    }

    [Fact]
    public void Check_CountsUnicodeCodePoints_NotUtf16Units()
    {
        // 15 code points, each an emoji outside the BMP (30 UTF-16 units): exactly the minimum.
        var emoji = "🦊🐙🦉🐝🦋🐢🦀🐬🦜🐌🦔🐿🦒🐧🦩";
        Assert.Equal(15, PasswordPolicy.CountCodePoints(emoji));
        Assert.Null(Code(emoji));
        Assert.Equal(PasswordErrors.TooShortCode, Code(emoji[..^2]));
    }

    [Fact]
    public void Check_AcceptsAnyUnicodeScript()
    {
        Assert.Null(Code("Пароль для торговли акциями"));
        Assert.Null(Code("株式取引のための長い合言葉です"));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("iloveyou")]
    [InlineData("qwertyuiop")]
    public void Check_CommonPasswords_AreBlocklistedEvenWithSecondFactor(string password)
    {
        Assert.Equal(PasswordErrors.BlocklistedCode, Code(password, MultiFactor));
    }

    [Theory]
    [InlineData("password12345678")]
    [InlineData("!!!sunshine2024!!!")]
    [InlineData("dragondragondragon")]
    [InlineData("CorrectHorseBatteryStaple")]
    [InlineData("PASSWORDPASSWORD")]
    public void Check_PaddedRepeatedOrCaseChangedListedPasswords_AreBlocklisted(string password)
    {
        Assert.Equal(PasswordErrors.BlocklistedCode, Code(password));
    }

    [Theory]
    [InlineData("alice-trades-every-day")]
    [InlineData("my portcullis passphrase")]
    public void Check_UsernameOrServiceName_IsContextSpecific(string password)
    {
        Assert.Equal(PasswordErrors.ContextSpecificCode, Code(password));
    }

    [Theory]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    [InlineData("xkcdxkcdxkcdxkcdxkcd")]
    [InlineData("abcdefghijklmnopq")]
    [InlineData("zyxwvutsrqponmlk")]
    [InlineData("zaq12wsxcde34rfvbgt5")]
    [InlineData("mnbvcxzasdfghjkl")]
    public void Check_RepeatedSequentialOrKeyboardPatterns_AreRejected(string password)
    {
        var code = Code(password);
        Assert.True(code is PasswordErrors.RepetitiveCode or PasswordErrors.BlocklistedCode, code);
    }

    [Fact]
    public void Blocklist_ShipsTheZxcvbnListAndOurOwn()
    {
        Assert.True(PasswordBlocklist.Default.Count > 30000);
        Assert.True(PasswordBlocklist.Default.IsBlocked("correcthorsebatterystaple"));
        Assert.False(PasswordBlocklist.Default.IsBlocked("velvet harbour kettle drums"));
    }

    [Fact]
    public void GeneratedOneTimePasswords_PassThePolicy()
    {
        for (var i = 0; i < 50; i++)
        {
            var generated = PasswordGenerator.Generate();
            Assert.Null(Code(generated));
            Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){4}$", generated);
        }
    }
}
