using System.Collections.Concurrent;
using Microsoft.Playwright;
using OtpNet;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>Steps the sign-in factors and devices tests share: signing in through the page, enrolling over the API, screenshots.</summary>
internal static class PortalSteps
{
    /// <summary>A TOTP code for <paramref name="secret"/> at the gate's (fake) time, computed with Otp.NET (SHA-1, 6 digits, 30 s).</summary>
    public static string Code(TestGate gate, byte[] secret) => new Totp(secret).ComputeTotp(gate.Time.GetUtcNow().UtcDateTime);

    /// <summary>Signs in with the password alone (an account without second factors) and waits for the dashboard.</summary>
    public static async Task SignInWithPasswordAsync(TestGate gate, IPage page, string username)
    {
        await page.GotoAsync(Url(gate, "/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in with password and authenticator-app code; each sign-in uses the next 30-second code.</summary>
    public static async Task SignInWithTotpAsync(TestGate gate, IPage page, string username, byte[] secret)
    {
        gate.Time.Advance(TimeSpan.FromSeconds(30));
        await page.GotoAsync(Url(gate, "/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(Code(gate, secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Collects the Content-Security-Policy violations the browser reports on the page's console (an inline style or script,
    /// a <c>data:</c> image), so that a test can assert there were none.
    /// </summary>
    public static ConcurrentQueue<string> WatchCspViolations(IPage page)
    {
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        return violations;
    }

    public static string Url(TestGate gate, string path) => new Uri(gate.BaseAddress, path).ToString();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
