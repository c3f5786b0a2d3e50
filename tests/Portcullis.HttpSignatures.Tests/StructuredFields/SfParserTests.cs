using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Tests.StructuredFields;

public sealed class SfParserTests
{
    [Theory]
    [InlineData("a=1, b=2;x=?0, c", "a=1, b=2;x=?0, c")]
    [InlineData("  a=1 ,\tb=2  ", "a=1, b=2")]
    [InlineData("a=(1 2 \"x\");p=1, b=:AQID:", "a=(1 2 \"x\");p=1, b=:AQID:")]
    [InlineData("a=?1", "a")]
    [InlineData("a=1, a=2", "a=2")]
    [InlineData("a=1, b=2, a=3", "a=3, b=2")]
    [InlineData("a=()", "a=()")]
    [InlineData("a=(  1   2  )", "a=(1 2)")]
    [InlineData("a=tok/en:x, b=*t", "a=tok/en:x, b=*t")]
    [InlineData("a=-1.50, b=0.001", "a=-1.5, b=0.001")]
    [InlineData("a=\"q\\\"b\\\\s\"", "a=\"q\\\"b\\\\s\"")]
    [InlineData("a;b=1;c", "a;b=1;c")]
    [InlineData("", "")]
    public void Dictionary_ParsesAndReserialises(string input, string expected)
    {
        var result = SfParser.ParseDictionary(input);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(expected, SfSerializer.Serialize(result.Value));
    }

    [Theory]
    [InlineData("A=1", SfErrors.InvalidKey)]
    [InlineData("1a=1", SfErrors.InvalidKey)]
    [InlineData("a=1,", SfErrors.UnexpectedEnd)]
    [InlineData("a=1 b=2", SfErrors.Unexpected)]
    [InlineData("a=1;", SfErrors.InvalidKey)]
    [InlineData("a=(1 2", SfErrors.UnexpectedEnd)]
    [InlineData("a=(1,2)", SfErrors.Unexpected)]
    [InlineData("a=\"unterminated", SfErrors.InvalidString)]
    [InlineData("a=\"bad\\n\"", SfErrors.InvalidString)]
    [InlineData("a=\"tab\there\"", SfErrors.InvalidString)]
    [InlineData("a=:AQID", SfErrors.InvalidByteSequence)]
    [InlineData("a=:AQ I D:", SfErrors.InvalidByteSequence)]
    [InlineData("a=:AQI:", SfErrors.InvalidByteSequence)]
    [InlineData("a=?2", SfErrors.InvalidBoolean)]
    [InlineData("a=1234567890123456", SfErrors.InvalidNumber)]
    [InlineData("a=1234567890123.1", SfErrors.InvalidNumber)]
    [InlineData("a=1.1234", SfErrors.InvalidNumber)]
    [InlineData("a=1.", SfErrors.InvalidNumber)]
    [InlineData("a=-", SfErrors.InvalidNumber)]
    [InlineData("a=é", SfErrors.NonAscii)]
    [InlineData("a=\u0001", SfErrors.NonAscii)]
    [InlineData("a=@1", SfErrors.InvalidItem)]
    [InlineData("a=", SfErrors.UnexpectedEnd)]
    [InlineData(",a=1", SfErrors.InvalidKey)]
    public void Dictionary_RejectsBadInput_WithStableCode(string input, string code)
    {
        var result = SfParser.ParseDictionary(input);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void Dictionary_RecordsDuplicateKeys()
    {
        var result = SfParser.ParseDictionary("sig=1, other=2, sig=3");

        Assert.Equal(["sig"], result.Value.DuplicateKeys);
        Assert.Equal(3, result.Value["sig"]!.Item!.Value.Integer);
    }

    [Fact]
    public void Dictionary_TooLong_IsRefused()
    {
        var result = SfParser.ParseDictionary("a=" + new string('1', SfLimits.MaxFieldLength));

        Assert.Equal(SfErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public void Dictionary_TooManyMembers_IsRefused()
    {
        var input = string.Join(", ", Enumerable.Range(0, SfLimits.MaxMembers + 1).Select(i => $"k{i}"));

        Assert.Equal(SfErrors.TooLarge, SfParser.ParseDictionary(input).Error?.Code);
    }

    [Fact]
    public void InnerList_TooManyItems_IsRefused()
    {
        var input = "a=(" + string.Join(' ', Enumerable.Repeat("1", SfLimits.MaxInnerListItems + 1)) + ")";

        Assert.Equal(SfErrors.TooLarge, SfParser.ParseDictionary(input).Error?.Code);
    }

    [Fact]
    public void Item_ReadsEveryBareType()
    {
        Assert.Equal(42, SfParser.ParseItem("42").Value.Value.Integer);
        Assert.Equal(-4.5m, SfParser.ParseItem("-4.5").Value.Value.Decimal);
        Assert.Equal("hi", SfParser.ParseItem("\"hi\"").Value.Value.String);
        Assert.Equal("foo123/456", SfParser.ParseItem("foo123/456").Value.Value.Token);
        Assert.Equal(new byte[] { 1, 2, 3 }, SfParser.ParseItem(":AQID:").Value.Value.Bytes.ToArray());
        Assert.False(SfParser.ParseItem("?0").Value.Value.Boolean);
        Assert.Equal(SfKind.Boolean, SfParser.ParseItem("?1;a=1").Value.Value.Kind);
    }

    [Fact]
    public void Item_Empty_IsRefused() => Assert.Equal(SfErrors.UnexpectedEnd, SfParser.ParseItem("   ").Error?.Code);

    [Fact]
    public void List_ParsesMembers()
    {
        var result = SfParser.ParseList("sugar, tea, (rum cola);x=1");

        Assert.Equal(3, result.Value.Count);
        Assert.True(result.Value[2].IsInnerList);
        Assert.Equal("sugar, tea, (rum cola);x=1", SfSerializer.Serialize(result.Value));
    }

    [Fact]
    public void Parameters_RepeatedKey_LastValueWinsInPlace()
    {
        var result = SfParser.ParseItem("1;a=1;b=2;a=3");

        Assert.Equal(";a=3;b=2", SfSerializer.Serialize(result.Value.Parameters));
    }

    [Fact]
    public void Serializer_RoundsDecimals_HalfToEven()
    {
        Assert.Equal("0.002", SfSerializer.Serialize(SfBareItem.FromDecimal(0.0025m)));
        Assert.Equal("1.0", SfSerializer.Serialize(SfBareItem.FromDecimal(1m)));
    }

    [Fact]
    public void Factories_RefuseValuesOutsideTheGrammar()
    {
        Assert.Throws<ArgumentException>(() => SfBareItem.FromString("line\nbreak"));
        Assert.Throws<ArgumentException>(() => SfBareItem.FromToken("1abc"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SfBareItem.FromInteger(1_000_000_000_000_000));
    }
}
