using System.Net;
using System.Text.RegularExpressions;
using Portcullis.Server.Portal;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The portal's protections over plain HTTP (no browser needed): every page and asset carries the portal's CSP, and a
/// form posted without its antiforgery token is refused with 400 and a page saying what to do, never run.
/// </summary>
public sealed partial class PortalHttpTests : PortalHttpTest
{
    [Theory]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/sign-in", HttpStatusCode.OK)]
    [InlineData("/sign-out", HttpStatusCode.Redirect)]
    [InlineData("/password", HttpStatusCode.Redirect)]
    [InlineData("/trade", HttpStatusCode.Redirect)]
    [InlineData("/trade/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b", HttpStatusCode.Redirect)]
    [InlineData("/security", HttpStatusCode.Redirect)]
    [InlineData("/security/sessions", HttpStatusCode.Redirect)]
    // sign-in factors and devices
    [InlineData("/security/factors", HttpStatusCode.Redirect)]
    [InlineData("/security/devices", HttpStatusCode.Redirect)]
    [InlineData("/assets/portal.css", HttpStatusCode.OK)]
    [InlineData("/assets/webauthn.js", HttpStatusCode.OK)]
    // money, freeze and lock (portal-money)
    [InlineData("/money", HttpStatusCode.Redirect)]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b", HttpStatusCode.Redirect)]
    [InlineData("/security/freeze", HttpStatusCode.Redirect)]
    [InlineData("/assets/countdown.js", HttpStatusCode.OK)]
    // portal-ops: activity, operator pages, the push script
    [InlineData("/activity", HttpStatusCode.Redirect)]
    [InlineData("/operator", HttpStatusCode.Redirect)]
    [InlineData("/operator/audit", HttpStatusCode.Redirect)]
    [InlineData("/operator/users/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b", HttpStatusCode.Redirect)]
    [InlineData("/assets/push.js", HttpStatusCode.OK)]
    public async Task EveryPageAndAsset_HasThePortalsContentSecurityPolicy(string path, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(PortalPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal("/sign-in", response.Headers.Location?.OriginalString);
        }
    }

    /// <summary>A GET naming a handler the page does not have (or a POST-only one) runs the page's GET, session check included.</summary>
    [Theory]
    [InlineData("/security/sessions?handler=Nothing")]
    [InlineData("/security/sessions?handler=Revoke&id=00000000-0000-0000-0000-000000000001")]
    [InlineData("/security/sessions?handler=Everywhere")]
    public async Task AHandlerNameInTheAddress_DoesNotSkipTheSessionCheck(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheApi_KeepsItsOwnContentSecurityPolicy()
    {
        using var response = await Client.GetAsync("/health/live");

        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task ThePages_NeedNoInlineScriptOrStyle_AndLoadOnlyLocalAssets()
    {
        var html = await Client.GetStringAsync("/sign-in");

        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(ScriptTags().Matches(html), m => Assert.Matches("src=\"/assets/", m.Value));
        Assert.All(SourceAttributes().Matches(html), m => Assert.Matches("^(/|#)", m.Groups["url"].Value));
    }

    [Theory]
    [InlineData("/sign-in", "Username=alice&Password=correct-fjord-lantern-quartz-7")]
    [InlineData("/sign-in?handler=Totp", "Flow=x&Code=123456")]
    [InlineData("/sign-in?handler=SecurityKey", "Flow=x&Credential=%7B%7D")]
    [InlineData("/sign-out", "")]
    [InlineData("/password", "CurrentPassword=a&NewPassword=b&ConfirmPassword=b")]
    [InlineData("/trade/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b", "IdempotencyKey=k&Symbol=AAPL&Side=buy&Type=market&Quantity=1&TimeInForce=day")]
    [InlineData("/trade/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=Cancel", "orderId=3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0c")]
    [InlineData("/security/sessions?handler=Revoke&id=00000000-0000-0000-0000-000000000001", "")]
    [InlineData("/security/sessions?handler=Everywhere", "")]
    // sign-in factors and devices
    [InlineData("/security/factors?handler=Rename&id=00000000-0000-0000-0000-000000000001", "name=Phone")]
    [InlineData("/security/factors?handler=Remove&id=00000000-0000-0000-0000-000000000001", "")]
    [InlineData("/security/factors?handler=Totp", "name=Phone")]
    [InlineData("/security/factors?handler=ConfirmTotp", "pendingId=00000000-0000-0000-0000-000000000001&code=123456")]
    [InlineData("/security/factors?handler=KeyOptions", "name=Key")]
    [InlineData("/security/factors?handler=Key", "challengeId=00000000-0000-0000-0000-000000000001&credential=%7B%7D&name=Key")]
    [InlineData("/security/factors?handler=Push", "")]
    [InlineData("/security/factors?handler=RecoveryCodes", "")]
    [InlineData("/security/devices?handler=Rename&id=00000000-0000-0000-0000-000000000001", "name=Laptop")]
    [InlineData("/security/devices?handler=Revoke&id=00000000-0000-0000-0000-000000000001", "")]
    // the trade page's step-up, money, freeze and lock (portal-money)
    [InlineData("/trade/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=StepUpKey", "Flow=x&Credential=%7B%7D&IdempotencyKey=k&Symbol=AAPL&Quantity=1")]
    [InlineData("/trade/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=StepUpTotp", "Flow=x&Code=123456&IdempotencyKey=k&Symbol=AAPL&Quantity=1")]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=Deposit", "IdempotencyKey=k&Amount=100")]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=AddDestination", "DestinationName=Home&BankAccount=DE89370400440532013000")]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=RemoveDestination", "id=3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0c")]
    [InlineData("/money/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=Withdraw", "IdempotencyKey=k&DestinationId=3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0c&Amount=1")]
    [InlineData("/security/freeze?handler=Freeze", "")]
    [InlineData("/security/freeze?handler=Lift", "id=3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0c")]
    [InlineData("/security/freeze?handler=Lock", "UnlockDelayDays=7")]
    [InlineData("/security/freeze?handler=Unlock", "")]
    [InlineData("/security/freeze?handler=KeepLock", "")]
    // portal-ops: the sign-in factors and the operator pages
    [InlineData("/sign-in?handler=Push", "Flow=x")]
    [InlineData("/sign-in?handler=PushComplete", "Flow=x&PushNumber=42&Wait=0")]
    [InlineData("/sign-in?handler=Sms", "Flow=x")]
    [InlineData("/sign-in?handler=SmsVerify", "Flow=x&Code=123456")]
    [InlineData("/sign-in?handler=RecoveryCode", "Flow=x&Code=AAAA-BBBB")]
    [InlineData("/sign-in?handler=Choose", "Flow=x")]
    [InlineData("/operator?handler=Disable", "Username=alice")]
    [InlineData("/operator?handler=Enable", "Username=alice")]
    [InlineData("/operator/users/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=Freeze", "Capabilities=trading&Reason=x")]
    [InlineData("/operator/users/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b?handler=Lift", "FreezeId=3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0c")]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefusedWith400_AndAPageSayingWhatToDo(string path, string form)
    {
        await Gate.CreateUserAsync("alice");

        using var response = await Client.PostAsync(path, new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("This form was not accepted", html, StringComparison.Ordinal);
        Assert.Contains("open the page again and send the form from there", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(PortalPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type.StartsWith("signin.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFormPostedWithAValidToken_IsAccepted_SoTheRefusalAboveIsAboutTheToken()
    {
        using var page = await Client.GetAsync("/sign-in");
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalHosting.AntiforgeryCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups["token"].Value;
        Assert.NotEmpty(token);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [PortalHosting.AntiforgeryField] = token,
                ["Username"] = "nobody",
                ["Password"] = "whatever-it-is",
            }),
        };
        post.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The username or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTags();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttributes();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
