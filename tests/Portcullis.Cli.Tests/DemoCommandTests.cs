using System.Net;
using System.Net.Http.Json;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis demo</c> as a new user runs it: a real process, then sign-in over HTTP.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private const string NewPassword = "amber-violin-glacier-harbor-42";

    private readonly TempDirectory _folder = new();

    private string DataDirectory => Path.Combine(_folder.Path, "data");

    /// <summary>
    /// The walk-through the demo prints: sign in with the one-time password, choose a new password, see the
    /// account. Afterwards the old token is dead and the audit chain the server wrote verifies.
    /// </summary>
    [Fact]
    public async Task Demo_PrintedOneTimePassword_SignsInMustBeChangedAndShowsTheOwnedAccount()
    {
        await using (var demo = await PortcullisProcess.StartDemoAsync(DataDirectory, _folder.Path))
        {
            await WalkThroughAsync(demo, DataDirectory);
        }

        var verify = await Cli.RunAsync("audit", "verify", "--data-dir", DataDirectory, "--config", EmptyConfig());
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
    }

    private static async Task WalkThroughAsync(PortcullisProcess demo, string dataDirectory)
    {
        Assert.Equal("127.0.0.1", demo.Url.Host);
        Assert.NotEqual(0, demo.Url.Port);
        using var anonymous = demo.CreateClient();
        Assert.Contains($"Portal: open {demo.Url.GetLeftPart(UriPartial.Authority)}/ in a browser", demo.Output, StringComparison.Ordinal);
        using (var portal = await anonymous.GetAsync("/sign-in"))
        {
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            Assert.Equal("text/html", portal.Content.Headers.ContentType?.MediaType);
        }

        var signIn = await PostAsync(anonymous, "/api/v1/sign-in", new { username = "demo", password = demo.OneTimePassword });
        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
        Assert.True(signIn.Body.GetProperty("session").GetProperty("password_change_required").GetBoolean());
        var token = signIn.Body.GetProperty("token").GetString()!;

        using var signedIn = demo.CreateClient(token);
        var change = await PostAsync(signedIn, "/api/v1/me/password", new { current_password = demo.OneTimePassword, new_password = NewPassword });
        Assert.True(change.Status == HttpStatusCode.OK, change.ToString());
        var newToken = change.Body.GetProperty("token").GetString()!;
        Assert.NotEqual(token, newToken);
        Assert.False(change.Body.GetProperty("session").GetProperty("password_change_required").GetBoolean());

        using var changed = demo.CreateClient(newToken);
        var me = await GetAsync(changed, "/api/v1/me");
        Assert.True(me.Status == HttpStatusCode.OK, me.ToString());
        Assert.Equal("demo", me.Body.GetProperty("user").GetProperty("username").GetString());
        var account = Assert.Single(me.Body.GetProperty("accounts").EnumerateArray());
        Assert.Equal("owner", account.GetProperty("role").GetString());

        // The paper account is funded and printed; trading it needs a second factor first.
        var accountId = account.GetProperty("id").GetString();
        Assert.Contains($"/api/v1/accounts/{accountId}/portfolio", demo.Output, StringComparison.Ordinal);
        var portfolio = await GetAsync(changed, $"/api/v1/accounts/{accountId}/portfolio");
        Assert.True(portfolio.Status == HttpStatusCode.OK, portfolio.ToString());
        var cash = portfolio.Body.GetProperty("cash").EnumerateArray().ToDictionary(c => c.GetProperty("currency").GetString()!, c => c.GetProperty("amount").GetDecimal());
        Assert.Equal(500_000m, cash["USD"]);
        Assert.Equal(50_000m, cash["EUR"]);
        var order = await PostAsync(changed, $"/api/v1/accounts/{accountId}/orders", new { symbol = "AAPL", side = "buy", type = "market", quantity = 10 });
        Assert.Equal(HttpStatusCode.Unauthorized, order.Status);
        Assert.Equal("policy.step_up_required", order.Body.GetProperty("code").GetString());

        var withOldToken = await GetAsync(signedIn, "/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, withOldToken.Status);

        // The new device and the password change reached the feed, and the demo's email sink wrote them as files.
        var feed = await GetAsync(changed, "/api/v1/me/notifications");
        var types = feed.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ToList();
        Assert.Contains("security.new_device", types);
        Assert.Contains("security.password_changed", types);
        Assert.Contains("emails are written to", demo.Output, StringComparison.Ordinal);
        var mail = Path.Combine(dataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((!Directory.Exists(mail) || Directory.GetFiles(mail, "*.eml").Length < 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var emails = Directory.GetFiles(mail, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(emails, e => e.Contains("To: demo@example.com", StringComparison.Ordinal) && e.Contains("security.new_device", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_RunAgainOnTheSameFolder_PrintsANewPasswordAndTheOldOneStopsWorking()
    {
        string first;
        await using (var run = await PortcullisProcess.StartDemoAsync(DataDirectory, _folder.Path))
        {
            first = run.OneTimePassword!;
        }

        await using var again = await PortcullisProcess.StartDemoAsync(DataDirectory, _folder.Path);
        Assert.NotEqual(first, again.OneTimePassword);
        using var client = again.CreateClient();

        var withNew = await PostAsync(client, "/api/v1/sign-in", new { username = "demo", password = again.OneTimePassword });
        var withOld = await PostAsync(client, "/api/v1/sign-in", new { username = "demo", password = first });

        Assert.True(withNew.Status == HttpStatusCode.OK, withNew.ToString());
        Assert.True(withOld.Status == HttpStatusCode.Unauthorized, withOld.ToString());
        using var signedIn = again.CreateClient(withNew.Body.GetProperty("token").GetString());
        var me = await GetAsync(signedIn, "/api/v1/me");
        Assert.Single(me.Body.GetProperty("accounts").EnumerateArray());
    }

    [Fact]
    public async Task Demo_WithoutDataDir_UsesDotPortcullisInTheWorkingFolder()
    {
        await using var demo = await PortcullisProcess.StartAsync(["demo", "--urls", "http://127.0.0.1:0"], _folder.Path, waitForPassword: true);

        Assert.True(File.Exists(Path.Combine(_folder.Path, ".portcullis", "portcullis.db")), demo.Output);
    }

    private string EmptyConfig()
    {
        var path = Path.Combine(_folder.Path, "empty.json");
        File.WriteAllText(path, "{}");
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static async Task<HttpAnswer> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return await HttpAnswer.ReadAsync(response);
    }

    private static async Task<HttpAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await HttpAnswer.ReadAsync(response);
    }
}
