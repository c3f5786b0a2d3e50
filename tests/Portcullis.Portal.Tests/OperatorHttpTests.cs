using System.Net;
using Portcullis.Core.Users;
using Portcullis.Server.Portal;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The operator pages over HTTP: a signed-in user who is not an operator gets 403 and a page in words (with the portal's
/// CSP), never the data; an operator gets the page. Also: every audit event type the gate writes has a sentence.
/// </summary>
public sealed class OperatorHttpTests : PortalHttpTest
{
    [Theory]
    [InlineData("/operator")]
    [InlineData("/operator/audit")]
    [InlineData("/operator/users/{0}")]
    public async Task AnAccountHolder_GetsA403PageInWords_WithoutTheData(string path)
    {
        var alice = await Gate.CreateUserAsync("alice");
        var cookie = await SessionCookieAsync("alice");

        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, alice.Id));
        request.Headers.Add("Cookie", cookie);
        using var response = await Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PortalPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("This page is for the gate's operators, and your account is not an operator's.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Chain OK", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountHolder_CannotDisableAUser_WithAValidForm()
    {
        await Gate.CreateUserAsync("alice");
        await Gate.CreateUserAsync("bob");
        var cookie = await SessionCookieAsync("alice");

        // A valid token and its cookie, from any portal form (tokens are not tied to a session).
        using var signIn = await Client.GetAsync("/sign-in");
        var signInHtml = await signIn.Content.ReadAsStringAsync();
        var field = System.Text.RegularExpressions.Regex.Match(signInHtml, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"");
        Assert.True(field.Success);
        var antiforgeryCookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(PortalHosting.AntiforgeryCookie + "=", StringComparison.Ordinal)).Split(';')[0];

        using var post = new HttpRequestMessage(HttpMethod.Post, "/operator?handler=Disable")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = "bob",
                ["__RequestVerificationToken"] = field.Groups["t"].Value,
            }),
        };
        post.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        using var answer = await Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "user.disabled");
    }

    [Fact]
    public async Task AnOperator_GetsTheOperatorPages()
    {
        await Gate.CreateUserAsync("olga", role: UserRole.Operator);
        var cookie = await SessionCookieAsync("olga");

        foreach (var path in new[] { "/operator", "/operator/audit" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void EveryAuditEventType_HasASentence()
    {
        var types = typeof(Portcullis.Core.Audit.AuditEventTypes).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Contains(t, ActivityWords.KnownTypes));
    }

    /// <summary>A signed-in session's cookie (the API's session token is the portal's cookie value).</summary>
    private async Task<string> SessionCookieAsync(string username)
    {
        using var client = Gate.CreateClient();
        var token = (await Gate.SignInAsync(client, username)).GetProperty("token").GetString();
        return $"__Host-portcullis-session={token}";
    }
}
