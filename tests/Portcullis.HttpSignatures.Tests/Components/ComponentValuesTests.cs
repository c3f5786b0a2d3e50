using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Tests.Components;

/// <summary>The component examples of RFC 9421 §2.1 and §2.2.</summary>
public sealed class ComponentValuesTests
{
    private static readonly SignatureMessage Request = SignatureMessage.ForRequest(
        "POST",
        new Uri("https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman"),
        new HttpFields()
            .Add("Host", "www.example.com")
            .Add("X-OWS-Header", "   Leading and trailing whitespace.   ")
            .Add("X-Obs-Fold-Header", "Obsolete line folding.")
            .Add("Cache-Control", "max-age=60")
            .Add("Cache-Control", "    must-revalidate")
            .Add("Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)")
            .Add("X-Empty-Header", string.Empty),
        requestTarget: "/path?param=value&foo=bar&baz=bat%2Dman");

    [Theory]
    [InlineData("@method", "POST")]
    [InlineData("@target-uri", "https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman")]
    [InlineData("@authority", "www.example.com")]
    [InlineData("@scheme", "https")]
    [InlineData("@request-target", "/path?param=value&foo=bar&baz=bat%2Dman")]
    [InlineData("@path", "/path")]
    [InlineData("@query", "?param=value&foo=bar&baz=bat%2Dman")]
    [InlineData("x-ows-header", "Leading and trailing whitespace.")]
    [InlineData("cache-control", "max-age=60, must-revalidate")]
    [InlineData("example-dict", "a=1,    b=2;x=1;y=2,   c=(a   b   c)")]
    [InlineData("x-empty-header", "")]
    public void Resolve_RfcExamples(string name, string expected)
    {
        var result = ComponentValues.Resolve(Request, new ComponentIdentifier(name));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("a", "1")]
    [InlineData("b", "2;x=1;y=2")]
    [InlineData("c", "(a b c)")]
    public void Resolve_DictionaryMember(string key, string expected) =>
        Assert.Equal(expected, ComponentValues.Resolve(Request, ComponentIdentifier.DictionaryMember("example-dict", key)).Value);

    [Fact]
    public void Resolve_StructuredFlag_Reserialises()
    {
        var component = new ComponentIdentifier("example-dict", SfParameters.Empty.With("sf", SfBareItem.True));

        Assert.Equal("a=1, b=2;x=1;y=2, c=(a b c)", ComponentValues.Resolve(Request, component).Value);
    }

    [Fact]
    public void Resolve_ByteSequenceFlag_WrapsEachLine()
    {
        var message = SignatureMessage.ForRequest("GET", new Uri("https://example.com/"), new HttpFields()
            .Add("Example-Header", "value, with, lots")
            .Add("Example-Header", "of, commas"));
        var component = new ComponentIdentifier("example-header", SfParameters.Empty.With("bs", SfBareItem.True));

        // RFC 9421 §2.1.3 example.
        Assert.Equal(":dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:", ComponentValues.Resolve(message, component).Value);
    }

    [Fact]
    public void Resolve_QueryParam_DecodesAndReencodes()
    {
        // RFC 9421 §2.2.8 example.
        var message = SignatureMessage.ForRequest("GET", new Uri("https://example.com/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something"), new HttpFields());

        Assert.Equal("this%20is%20a%20big%0Avalue", ComponentValues.Resolve(message, ComponentIdentifier.QueryParam("var")).Value);
        Assert.Equal("with%20plus%20whitespace", ComponentValues.Resolve(message, ComponentIdentifier.QueryParam("bar")).Value);
        Assert.Equal("something", ComponentValues.Resolve(message, ComponentIdentifier.QueryParam("fa%C3%A7ade%22%3A%20")).Value);
    }

    [Fact]
    public void Resolve_QueryParam_Repeated_IsInvalid()
    {
        var message = SignatureMessage.ForRequest("GET", new Uri("https://example.com/?a=1&a=2"), new HttpFields());

        Assert.Equal(HttpSignatureErrors.ComponentInvalid, ComponentValues.Resolve(message, ComponentIdentifier.QueryParam("a")).Error?.Code);
    }

    [Fact]
    public void Resolve_DefaultRequestTarget_IsWhatHttpClientSends()
    {
        var uri = new Uri("https://example.com/a%2Db/../c?x=%41");
        var message = SignatureMessage.ForRequest("GET", uri, new HttpFields());

        Assert.Equal(uri.PathAndQuery, ComponentValues.Resolve(message, ComponentIdentifier.RequestTarget).Value);
        Assert.Equal("https://example.com" + uri.PathAndQuery, ComponentValues.Resolve(message, ComponentIdentifier.TargetUri).Value);
    }

    [Fact]
    public void Resolve_AuthorityWithPort_LowercasesAndKeepsNonDefaultPort()
    {
        var message = SignatureMessage.ForRequest("GET", new Uri("http://EXAMPLE.com:8080/"), new HttpFields());

        Assert.Equal("example.com:8080", ComponentValues.Resolve(message, ComponentIdentifier.Authority).Value);
    }

    [Fact]
    public void Resolve_QueryWhenAbsent_IsQuestionMark()
    {
        var message = SignatureMessage.ForRequest("GET", new Uri("https://example.com/a"), new HttpFields());

        Assert.Equal("?", ComponentValues.Resolve(message, ComponentIdentifier.Query).Value);
    }

    [Fact]
    public void Resolve_Status_OnResponse()
    {
        var response = SignatureMessage.ForResponse(200, new HttpFields());

        Assert.Equal("200", ComponentValues.Resolve(response, ComponentIdentifier.Status).Value);
        Assert.Equal(HttpSignatureErrors.ComponentInvalid, ComponentValues.Resolve(Request, ComponentIdentifier.Status).Error?.Code);
    }

    [Fact]
    public void Resolve_RequestComponent_OnResponse_NeedsReq()
    {
        var response = SignatureMessage.ForResponse(200, new HttpFields(), request: Request);
        var withReq = new ComponentIdentifier("@method", SfParameters.Empty.With("req", SfBareItem.True));

        Assert.Equal("POST", ComponentValues.Resolve(response, withReq).Value);
        Assert.Equal(HttpSignatureErrors.ComponentInvalid, ComponentValues.Resolve(response, ComponentIdentifier.Method).Error?.Code);
    }

    [Theory]
    [InlineData("x-missing", HttpSignatureErrors.ComponentMissing)]
    [InlineData("@unknown", HttpSignatureErrors.ComponentInvalid)]
    [InlineData("@signature-params", HttpSignatureErrors.ComponentInvalid)]
    [InlineData("Cache-Control", HttpSignatureErrors.ComponentInvalid)]
    public void Resolve_Bad_GivesCode(string name, string code) =>
        Assert.Equal(code, ComponentValues.Resolve(Request, new ComponentIdentifier(name)).Error?.Code);

    [Fact]
    public void Resolve_TrailerFlag_IsUnsupported()
    {
        var component = new ComponentIdentifier("cache-control", SfParameters.Empty.With("tr", SfBareItem.True));

        Assert.Equal(HttpSignatureErrors.ComponentUnsupported, ComponentValues.Resolve(Request, component).Error?.Code);
    }

    [Fact]
    public void Resolve_ByteSequenceWithStructured_IsInvalid()
    {
        var component = new ComponentIdentifier("example-dict", SfParameters.Empty.With("bs", SfBareItem.True).With("sf", SfBareItem.True));

        Assert.Equal(HttpSignatureErrors.ComponentInvalid, ComponentValues.Resolve(Request, component).Error?.Code);
    }

    [Fact]
    public void SignatureBase_CoveringAComponentTwice_IsInvalid()
    {
        var signatureParams = new SfInnerList([ComponentIdentifier.Method.Item, ComponentIdentifier.Method.Item], SfParameters.Empty);

        Assert.Equal(HttpSignatureErrors.ComponentInvalid, SignatureBase.Create(Request, signatureParams).Error?.Code);
    }
}
