using System.Net;
using System.Text.Json;
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

    /// <summary>
    /// Registers <paramref name="key"/> as <paramref name="username"/>'s security key with <paramref name="session"/> (a fresh
    /// second-factor session when the user has a factor) or a fresh password session (the gate must accept the key's origin,
    /// <c>Factors:WebAuthn:Origins</c>) and signs in with password + security key: the answer holds the token and the device token.
    /// </summary>
    public static async Task<JsonElement> RegisterSecurityKeyAsync(this TestGate gate, HttpClient client, string username, SoftwareAuthenticator key,
        string? session = null)
    {
        var password = session ?? (await gate.SignInAsync(client, username)).Token();
        var (status, options, _) = await client.PostJsonAsync("/api/v1/factors/webauthn/options", new { name = "YubiKey" }, password);
        Assert.True(status == HttpStatusCode.OK, options.ToString());
        var (registered, factor, _) = await client.PostJsonAsync("/api/v1/factors/webauthn",
            new { challenge_id = options.GetProperty("challenge_id").GetString(), credential = key.Register(options.GetProperty("options")) }, password);
        Assert.True(registered == HttpStatusCode.OK, factor.ToString());
        return await gate.SignInWithSecurityKeyAsync(client, username, key);
    }

    /// <summary>
    /// A full sign-in with password and an already registered security key, from the device of <paramref name="deviceToken"/>
    /// if given (a new device starts a cool-down); the answer holds the token and the device token.
    /// </summary>
    public static async Task<JsonElement> SignInWithSecurityKeyAsync(this TestGate gate, HttpClient client, string username, SoftwareAuthenticator key,
        string? deviceToken = null)
    {
        var (_, step, _) = await client.PostJsonAsync("/api/v1/sign-in", new { username, password = TestGate.StrongPassword, device_token = deviceToken });
        var flow = step.GetProperty("flow").GetProperty("handle").GetString();
        var (optionsStatus, options, _) = await client.PostJsonAsync("/api/v1/sign-in/webauthn/options", new { flow });
        Assert.True(optionsStatus == HttpStatusCode.OK, options.ToString());
        var (signedIn, body, _) = await client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow, credential = key.Assert(options.GetProperty("options")) });
        Assert.True(signedIn == HttpStatusCode.OK, body.ToString());
        return body;
    }
}
