using System.Net;
using OtpNet;
using Portcullis.Core.Factors.Totp;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// Gives a test a session proven with password and an authenticator app, the way a person gets one: enrol the app
/// over HTTP with a fresh password session, then sign in with password and code. The policy asks this of routine
/// and operator work.
/// </summary>
internal static class SecondFactor
{
    /// <summary>Enrols an authenticator app for <paramref name="username"/> and returns a password + TOTP session token.</summary>
    public static async Task<string> SignInWithTotpAsync(this TestGate gate, HttpClient client, string username)
    {
        var password = (await gate.SignInAsync(client, username)).Token();
        var (status, enrolment, _) = await client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, password);
        Assert.True(status == HttpStatusCode.OK, enrolment.ToString());
        var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        var factorId = enrolment.GetProperty("factor").GetProperty("id").GetString();
        var confirmed = await client.PostJsonAsync($"/api/v1/factors/totp/{factorId}/confirm",
            new { code = TotpCode.Compute(secret, gate.Time.GetUtcNow()) }, password);
        Assert.True(confirmed.Status == HttpStatusCode.OK, confirmed.Body.ToString());
        gate.Time.Advance(TimeSpan.FromSeconds(30));

        var (_, step, _) = await client.PostJsonAsync("/api/v1/sign-in", new { username, password = TestGate.StrongPassword });
        var flow = step.GetProperty("flow").GetProperty("handle").GetString();
        var (signedIn, body, _) = await client.PostJsonAsync("/api/v1/sign-in/totp", new { flow, code = TotpCode.Compute(secret, gate.Time.GetUtcNow()) });
        Assert.True(signedIn == HttpStatusCode.OK, body.ToString());
        return body.Token();
    }
}
