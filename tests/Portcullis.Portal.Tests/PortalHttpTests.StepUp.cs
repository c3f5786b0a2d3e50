using System.Net;
using Portcullis.Server.Portal;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The "Confirm it's you" page under the same checks as every portal page (CSP, antiforgery on its forms), and its return
/// path: only ever a local path, whatever the link says (an open-redirect test; the browser test confirms through to the redirect).
/// </summary>
public sealed partial class PortalHttpTests
{
    [Theory]
    [InlineData("/security/confirm", HttpStatusCode.Redirect)]
    [InlineData("/security/confirm?return=%2Fsecurity%2Fapi-keys&operation=apikey.create", HttpStatusCode.Redirect)]
    public Task TheConfirmPage_HasThePortalsContentSecurityPolicy(string path, HttpStatusCode expected) =>
        EveryPageAndAsset_HasThePortalsContentSecurityPolicy(path, expected);

    [Theory]
    [InlineData("/security/confirm?handler=Key", "Flow=x&Credential=%7B%7D&return=%2Fsecurity")]
    [InlineData("/security/confirm?handler=Totp", "Flow=x&Code=123456&return=%2Fsecurity")]
    public Task TheConfirmForms_WithoutTheirAntiforgeryToken_AreRefusedWith400(string path, string form) =>
        AFormPostedWithoutItsAntiforgeryToken_IsRefusedWith400_AndAPageSayingWhatToDo(path, form);

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    public async Task TheConfirmPage_WithAForeignReturn_NeverLeavesTheSite(string target)
    {
        using var response = await Client.GetAsync("/security/confirm?return=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/security/api-keys", "/security/api-keys")]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?x=1", "/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?x=1")]
    [InlineData("/", "/")]
    [InlineData(null, "/security")]
    [InlineData("", "/security")]
    [InlineData("//evil.example", "/security")]
    [InlineData("//evil.example/security", "/security")]
    [InlineData("/\\evil.example", "/security")]
    [InlineData("/security\\..\\x", "/security")]
    [InlineData("https://evil.example", "/security")]
    [InlineData("javascript:alert(1)", "/security")]
    [InlineData("security/api-keys", "/security")]
    [InlineData("/security\r\nLocation: https://evil.example", "/security")]
    [InlineData(" /security/api-keys", "/security")]
    public void TheReturnPath_IsOnlyEverALocalPath(string? given, string expected) =>
        Assert.Equal(expected, StepUpFlow.LocalReturn(given));

    [Fact]
    public void TheConfirmLink_CarriesTheReturnPathAndOperation_Escaped() =>
        Assert.Equal("/security/confirm?return=%2Fsecurity%2Fapi-keys&operation=apikey.create",
            StepUpFlow.ConfirmLink("/security/api-keys", "apikey.create"));
}
