using System.Text.Json;
using Microsoft.Playwright;

namespace Portcullis.Portal.Tests;

/// <summary>
/// A CTAP2 security key inside the browser, through the Chrome DevTools Protocol's WebAuthn domain: USB, resident keys,
/// user verification, and presence answered automatically, so <c>navigator.credentials</c> works without a person.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _cdp;

    private VirtualAuthenticator(ICDPSession cdp, string id)
    {
        _cdp = cdp;
        Id = id;
    }

    public string Id { get; }

    public static async Task<VirtualAuthenticator> AddAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "usb",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var id = added?.GetProperty("authenticatorId").GetString() ?? throw new InvalidOperationException("No virtual authenticator was added.");
        return new VirtualAuthenticator(cdp, id);
    }

    /// <summary>The credentials the authenticator holds.</summary>
    public async Task<int> CountCredentialsAsync()
    {
        var result = await _cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return result?.GetProperty("credentials").GetArrayLength() ?? 0;
    }

    /// <summary>
    /// Registers a credential of this authenticator as a security key of the session <paramref name="bearerToken"/> belongs to,
    /// from the page (which must be on the gate's origin): the API's registration options, <c>navigator.credentials.create()</c>
    /// in the browser, then the API's registration step. Returns the factor the gate answered.
    /// </summary>
    public static async Task<JsonElement> RegisterThroughApiAsync(IPage page, string bearerToken)
    {
        var answer = await page.EvaluateAsync<JsonElement>(RegisterScript, bearerToken);
        if (answer.GetProperty("status").GetInt32() != 200)
        {
            throw new InvalidOperationException("Registering the security key failed: " + answer);
        }

        return answer.GetProperty("body");
    }

    private const string RegisterScript = """
        async (token) => {
            const toBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
            const b64 = (buffer) => { let t = ""; new Uint8Array(buffer).forEach((b) => { t += String.fromCharCode(b); }); return btoa(t).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); };
            const headers = { "Authorization": "Bearer " + token, "Content-Type": "application/json" };
            const started = await fetch("/api/v1/factors/webauthn/options", { method: "POST", headers, body: JSON.stringify({ name: "Virtual key" }) });
            const begun = await started.json();
            if (!started.ok) { return { status: started.status, body: begun }; }
            const o = begun.options;
            const publicKey = {
                rp: o.rp,
                user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
                challenge: toBytes(o.challenge),
                pubKeyCredParams: o.pubKeyCredParams,
                timeout: o.timeout,
                attestation: o.attestation,
                authenticatorSelection: o.authenticatorSelection,
                excludeCredentials: (o.excludeCredentials || []).map((c) => ({ type: c.type, id: toBytes(c.id) })),
            };
            const credential = await navigator.credentials.create({ publicKey });
            const body = {
                challenge_id: begun.challenge_id,
                credential: {
                    id: credential.id,
                    rawId: b64(credential.rawId),
                    type: credential.type,
                    response: {
                        attestationObject: b64(credential.response.attestationObject),
                        clientDataJSON: b64(credential.response.clientDataJSON),
                        transports: credential.response.getTransports(),
                    },
                    clientExtensionResults: credential.getClientExtensionResults(),
                },
            };
            const finished = await fetch("/api/v1/factors/webauthn", { method: "POST", headers, body: JSON.stringify(body) });
            return { status: finished.status, body: await finished.json() };
        }
        """;
}
