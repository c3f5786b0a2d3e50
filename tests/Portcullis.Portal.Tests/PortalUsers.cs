using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;
using Portcullis.Core.Factors.Totp;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>Setting up a user's factors over the API, as the user's own client would.</summary>
internal static class PortalUsers
{
    /// <summary>
    /// Enrols an authenticator app with a fresh password session and returns its secret; with <paramref name="nextTimeStep"/>,
    /// moves the gate's clock to the next 30-second step, so that the next code is not the one just used.
    /// </summary>
    public static async Task<byte[]> EnrolTotpAsync(this TestGate gate, string username, bool nextTimeStep = true)
    {
        using var client = gate.CreateClient();
        var token = (await gate.SignInAsync(client, username)).GetProperty("token").GetString();
        using var enrol = new HttpRequestMessage(HttpMethod.Post, "/api/v1/factors/totp") { Content = JsonContent.Create(new { name = "Phone" }) };
        enrol.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var enrolled = await client.SendAsync(enrol);
        var enrolment = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enrolled.IsSuccessStatusCode, enrolment.ToString());
        var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        using var confirm = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/factors/totp/{enrolment.GetProperty("factor").GetProperty("id").GetString()}/confirm")
        {
            Content = JsonContent.Create(new { code = TotpCode.Compute(secret, gate.Time.GetUtcNow()) }),
        };
        confirm.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var confirmed = await client.SendAsync(confirm);
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        if (nextTimeStep)
        {
            gate.Time.Advance(TimeSpan.FromSeconds(30));
        }

        return secret;
    }
}
