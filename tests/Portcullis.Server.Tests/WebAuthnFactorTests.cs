using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// Security keys and passkeys end to end: the real gate over HTTP, a <see cref="SoftwareAuthenticator"/>
/// playing browser and key. Each test builds one valid ceremony and changes one thing.
/// </summary>
public sealed class WebAuthnFactorTests : IAsyncLifetime
{
    private const string Origin = "http://localhost:5080";
    private const string NotAccepted = "The second factor was not accepted.";

    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    // ---- registration --------------------------------------------------------------------------------

    [Fact]
    public async Task RegistrationOptions_AreTheStandardCreationOptions()
    {
        var token = await PasswordSessionAsync();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/webauthn/options", new { name = "YubiKey 5C" }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Guid.TryParse(body.GetProperty("challenge_id").GetString(), out _));
        Assert.Equal(_gate.Time.GetUtcNow().AddMinutes(5), body.GetProperty("expires_at").GetDateTimeOffset());
        var options = body.GetProperty("options");
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("Portcullis", options.GetProperty("rp").GetProperty("name").GetString());
        Assert.Equal("alice", options.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(32, SoftwareAuthenticator.FromBase64Url(options.GetProperty("user").GetProperty("id").GetString()!).Length);
        Assert.Equal(32, SoftwareAuthenticator.FromBase64Url(options.GetProperty("challenge").GetString()!).Length);
        Assert.Equal("none", options.GetProperty("attestation").GetString());
        Assert.Equal("preferred", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("preferred", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        Assert.Contains(options.GetProperty("pubKeyCredParams").EnumerateArray(), p => p.GetProperty("alg").GetInt32() == -7);
        Assert.Equal(0, options.GetProperty("excludeCredentials").GetArrayLength());
    }

    [Fact]
    public async Task ADeviceBoundKey_RegistersAndSignsIn_AtAal3()
    {
        using var key = Key();
        var token = await PasswordSessionAsync();

        var (status, factor, _) = await RegisterAsync(token, key, "YubiKey 5C");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("webauthn", factor.GetProperty("kind").GetString());
        Assert.Equal("phishing_resistant", factor.GetProperty("class").GetString());
        Assert.Equal("active", factor.GetProperty("status").GetString());
        Assert.Equal("YubiKey 5C", factor.GetProperty("name").GetString());

        var flow = await PasswordStepAsync();
        Assert.Contains(flow.GetProperty("factors").EnumerateArray(), f => f.GetProperty("kind").GetString() == "webauthn");
        var (signedIn, body, _) = await AssertAsync(flow.GetProperty("handle").GetString()!, key);

        Assert.Equal(HttpStatusCode.OK, signedIn);
        Assert.Equal("signed_in", body.GetProperty("status").GetString());
        var session = body.GetProperty("session");
        Assert.Equal("aal3", session.GetProperty("assurance").GetString());
        Assert.Equal(["password", "webauthn"], session.GetProperty("authentications").EnumerateArray().Select(a => a.GetProperty("method").GetString()));
        Assert.Equal(factor.GetProperty("id").GetString(), session.GetProperty("authentications")[1].GetProperty("factor_id").GetString());
    }

    [Fact]
    public async Task ABackupEligiblePasskey_SignsIn_AtAal2()
    {
        using var passkey = Key(backupEligible: true);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(await PasswordSessionAsync(), passkey, "Phone passkey")).Status);

        var (status, body, _) = await AssertAsync((await PasswordStepAsync()).GetProperty("handle").GetString()!, passkey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("aal2", body.GetProperty("session").GetProperty("assurance").GetString());
    }

    [Fact]
    public async Task AUserHasSeveralCredentials_EachNamed_AndEachSignsIn()
    {
        using var first = Key();
        using var second = Key();
        using var third = Key();
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(await PasswordSessionAsync(), first, "YubiKey 5C")).Status);
        var token = await SignInWithKeyAsync(first);

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(token, second, "Backup key in the safe")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(token, third, null)).Status);

        var (_, factors, _) = await _client.GetJsonAsync("/api/v1/factors", token);
        Assert.Equal(["YubiKey 5C", "Backup key in the safe", "Security key"],
            factors.EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "webauthn").Select(f => f.GetProperty("name").GetString()));
        var options = await AssertionOptionsAsync((await PasswordStepAsync()).GetProperty("handle").GetString()!);
        Assert.Equal(3, options.GetProperty("allowCredentials").GetArrayLength());
        await SignInWithKeyAsync(second);
        await SignInWithKeyAsync(third);
    }

    [Fact]
    public async Task Registration_WithoutAFreshProof_IsRefused()
    {
        var token = await PasswordSessionAsync();
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/webauthn/options", new { }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());
    }

    [Fact]
    public async Task CompletingARegistration_AlsoNeedsAFreshProof()
    {
        await StartAsync(("Factors:WebAuthn:ChallengeLifetime", "00:10:00"));
        using var key = Key();
        var token = await PasswordSessionAsync();
        var (challengeId, options) = await RegistrationOptionsAsync(token);
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, _) = await CompleteAsync(token, challengeId, key.Register(options));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());
    }

    [Theory]
    [InlineData("origin", "wrong_origin")]
    [InlineData("rp_id", "wrong_rp_id")]
    [InlineData("challenge", "wrong_challenge")]
    [InlineData("type", "invalid_response")]
    [InlineData("user_presence", "user_not_present")]
    public async Task ARegistrationThatFailsVerification_IsRefused_AndAudited(string change, string reason)
    {
        using var key = Key();
        var token = await PasswordSessionAsync();
        var (challengeId, options) = await RegistrationOptionsAsync(token);
        var credential = change switch
        {
            "origin" => WithOrigin(key, "https://evil.example", () => key.Register(options)),
            "rp_id" => WithRpId(key, "evil.example", () => key.Register(options)),
            "challenge" => key.Register(WithChallenge(options)),
            "type" => WithClientData(key.Register(options), c => c["type"] = "webauthn.get"),
            _ => WithoutUserPresence(key, () => key.Register(options)),
        };

        var (status, body, _) = await CompleteAsync(token, challengeId, credential);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == reason);
        Assert.Empty(await WebAuthnFactorsAsync());
    }

    [Theory]
    [InlineData("unknown", "unknown_challenge")]
    [InlineData("expired", "challenge_expired")]
    [InlineData("used", "challenge_used")]
    public async Task ARegistrationChallenge_IsKnownFreshAndUsedOnce(string change, string reason)
    {
        await StartAsync(("Factors:WebAuthn:ChallengeLifetime", "00:01:00"));
        using var key = Key();
        var token = await PasswordSessionAsync();
        var (challengeId, options) = await RegistrationOptionsAsync(token);
        var credential = key.Register(options);
        switch (change)
        {
            case "unknown":
                challengeId = Guid.NewGuid().ToString();
                break;
            case "expired":
                _gate.Time.Advance(TimeSpan.FromMinutes(2));
                break;
            default:
                // A failed attempt uses the challenge up too (WebAuthn §13.4.3). (A successful one would give the account
                // a security key, after which the policy itself refuses this password-only session.)
                var tampered = WithClientData(key.Register(options), c => c["type"] = "webauthn.get");
                Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(token, challengeId, tampered)).Status);
                break;
        }

        var (status, body, _) = await CompleteAsync(token, challengeId, credential);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == reason);
    }

    [Fact]
    public async Task TheExcludeList_PreventsRegisteringTheSameCredentialTwice()
    {
        using var key = Key();
        var (_, factor, _) = await RegisterAsync(await PasswordSessionAsync(), key, "YubiKey 5C");
        var token = await SignInWithKeyAsync(key);

        var (challengeId, options) = await RegistrationOptionsAsync(token);
        var excluded = Assert.Single(options.GetProperty("excludeCredentials").EnumerateArray());
        Assert.Equal(key.CredentialId, SoftwareAuthenticator.FromBase64Url(excluded.GetProperty("id").GetString()!));
        Assert.Throws<InvalidOperationException>(() => key.Register(options));

        // A client that ignores the list is refused by the server too.
        var (status, body, _) = await CompleteAsync(token, challengeId, key.Register(options, ignoreExcludeList: true));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("webauthn.credential_exists", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == "credential_exists" &&
                                                 e.Subject == $"factor:{factor.GetProperty("id").GetString()}");
        Assert.Single(await WebAuthnFactorsAsync());
    }

    [Theory]
    [InlineData(SoftwareAttestation.None, HttpStatusCode.Forbidden)]
    [InlineData(SoftwareAttestation.PackedSelf, HttpStatusCode.Forbidden)]
    [InlineData(SoftwareAttestation.PackedBasic, HttpStatusCode.OK)]
    public async Task RequireAttestation_AcceptsOnlyAttestedKeys(SoftwareAttestation attestation, HttpStatusCode expected)
    {
        await StartAsync(("Factors:WebAuthn:RequireAttestation", "true"), ("Factors:WebAuthn:Attestation", "direct"));
        using var key = new SoftwareAuthenticator(Origin) { Attestation = attestation };
        var token = await PasswordSessionAsync();
        Assert.Equal("direct", (await RegistrationOptionsAsync(token)).Options.GetProperty("attestation").GetString());

        var (status, body, _) = await RegisterAsync(token, key, "Key");

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("webauthn.attestation_required", body.Code());
            Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == "attestation_required");
            Assert.Empty(await WebAuthnFactorsAsync());
        }
        else
        {
            Assert.Equal("packed", Assert.Single(await WebAuthnFactorsAsync()).AttestationFormat);
        }
    }

    [Fact]
    public async Task AllowedAaguids_RefusesAnUnlistedModel_AndAcceptsAListedOne()
    {
        var listed = Guid.Parse("cb69481e-8ff7-4039-93ec-0a2729a154a8");
        await StartAsync(("Factors:WebAuthn:AllowedAaguids:0", listed.ToString()));
        using var unlisted = new SoftwareAuthenticator(Origin) { AaGuid = Guid.Parse("ee882879-721c-4913-9775-3dfcce97072a") };
        using var approved = new SoftwareAuthenticator(Origin) { AaGuid = listed };
        var token = await PasswordSessionAsync();

        var (refused, body, _) = await RegisterAsync(token, unlisted, "Unknown key");
        var (accepted, _, _) = await RegisterAsync(token, approved, "Approved key");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("webauthn.authenticator_not_allowed", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == "aaguid_not_allowed");
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Equal(listed, Assert.Single(await WebAuthnFactorsAsync()).AaGuid);
    }

    [Fact]
    public async Task ASecurityKeyDevice_IsCreated_AndListedWithItsFactor()
    {
        using var key = Key();
        var (_, factor, _) = await RegisterAsync(await PasswordSessionAsync(), key, "YubiKey 5C");
        var token = await SignInWithKeyAsync(key);

        var (status, devices, _) = await _client.GetJsonAsync("/api/v1/devices", token);

        Assert.Equal(HttpStatusCode.OK, status);
        var device = Assert.Single(devices.EnumerateArray(), d => d.GetProperty("kind").GetString() == "security_key");
        Assert.Equal("YubiKey 5C", device.GetProperty("name").GetString());
        Assert.Equal("trusted", device.GetProperty("trust").GetString());
        Assert.Equal(factor.GetProperty("device_id").GetString(), device.GetProperty("id").GetString());
        Assert.Equal(factor.GetProperty("id").GetString(), Assert.Single(device.GetProperty("factors").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(_gate.Time.GetUtcNow(), device.GetProperty("last_seen_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task BindingAKey_IsAuditedAndNotified()
    {
        using var key = Key();
        await RegisterAsync(await PasswordSessionAsync(), key, "YubiKey 5C");

        var audit = await _gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == AuditEventTypes.FactorEnrolmentStarted && e.Data.Contains("\"webauthn\"", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Type == AuditEventTypes.FactorBound && e.Data.Contains("\"webauthn\"", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Type == AuditEventTypes.DeviceRegistered && e.Data.Contains("\"security_key\"", StringComparison.Ordinal));
        Assert.Contains(await NotificationsAsync(), n => n.Type == NotificationTypes.FactorBound);
    }

    [Fact]
    public async Task AfterARecoveryCode_RegisteringAKey_LiftsTheSessionsRestriction()
    {
        using var lost = await RegisteredKeyAsync();
        var (_, generated, _) = await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, await SignInWithKeyAsync(lost));
        var code = generated.GetProperty("codes")[0].GetString();
        var flow = (await PasswordStepAsync()).GetProperty("handle").GetString();
        var (_, recovered, _) = await _client.PostJsonAsync("/api/v1/sign-in/recovery-code", new { flow, code });
        var token = recovered.Token();
        Assert.Equal("session.factor_enrollment_required", (await _client.GetJsonAsync("/api/v1/me", token)).Body.Code());
        using var replacement = Key();

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(token, replacement, "Replacement key")).Status);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
    }

    [Fact]
    public async Task WithoutConfiguredOrigins_TheServerUrlsOriginIsAccepted_WithLocalhostForTheLoopbackAddress()
    {
        // TestGate listens on http://127.0.0.1:0, so the derived origin is http://localhost:0.
        await StartAsync(withOrigins: false);
        using var key = new SoftwareAuthenticator("http://localhost:0");
        using var elsewhere = new SoftwareAuthenticator(Origin);
        var token = await PasswordSessionAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await RegisterAsync(token, elsewhere, "Key")).Status);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(token, key, "Key")).Status);
    }

    [Fact]
    public async Task RegistrationRefusals_NeverA500()
    {
        var token = await PasswordSessionAsync();
        var (challengeId, _) = await RegistrationOptionsAsync(token);

        var (status, body, _) = await CompleteAsync(token, challengeId, new JsonObject { ["id"] = "AAAA", ["type"] = "public-key" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FactorEnrolmentFailed && e.Code == "malformed");

        var missing = await _client.PostJsonAsync("/api/v1/factors/webauthn", new { challenge_id = challengeId }, token);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("request.invalid", missing.Body.Code());
    }

    [Fact]
    public void TheDefaultServerUrls_KnownToCore_MatchTheServers() =>
        Assert.Equal(Core.Factors.WebAuthn.WebAuthnOrigins.DefaultServerUrls, new Hosting.ServerOptions().Urls);

    // ---- sign-in and step-up -------------------------------------------------------------------------

    [Theory]
    [InlineData("origin", "wrong_origin")]
    [InlineData("rp_id", "wrong_rp_id")]
    [InlineData("challenge", "wrong_challenge")]
    [InlineData("signature", "bad_signature")]
    [InlineData("authenticator_data", "bad_signature")]
    [InlineData("user_presence", "user_not_present")]
    [InlineData("user_handle", "invalid_response")]
    [InlineData("unknown_credential", "unknown_credential")]
    public async Task AnAssertionThatFailsVerification_IsRefusedWithoutSayingWhy_AuditedAndCounted(string change, string reason)
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var options = await AssertionOptionsAsync(handle);
        using var stranger = Key();
        var assertion = change switch
        {
            "origin" => WithOrigin(key, "https://evil.example", () => key.Assert(options)),
            "rp_id" => WithRpId(key, "evil.example", () => key.Assert(options)),
            "challenge" => key.Assert(WithChallenge(options)),
            "signature" => Tampered(key.Assert(options), "signature"),
            "authenticator_data" => Tampered(key.Assert(options), "authenticatorData"),
            "user_presence" => WithoutUserPresence(key, () => key.Assert(options)),
            "user_handle" => WithUserHandle(key.Assert(options), new byte[32]),
            _ => stranger.Assert(WithoutAllowList(options)),
        };

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = assertion });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Equal(NotAccepted, body.GetProperty("detail").GetString());
        Assert.DoesNotContain(reason, body.GetRawText(), StringComparison.Ordinal);
        var failed = Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == reason);
        Assert.Contains("\"flow_failures\":1", failed.Data, StringComparison.Ordinal);
        Assert.Contains("\"factor\":\"webauthn\"", failed.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"just a string\"", "malformed")]
    [InlineData("{}", "malformed")]
    [InlineData("""{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""", "malformed")]
    [InlineData("""{"id":"not base64url!","rawId":"not base64url!","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}""", "malformed")]
    [InlineData("client_data_not_json", "malformed")]
    [InlineData("short_authenticator_data", "malformed")]
    [InlineData("signature_not_der", "bad_signature")]
    [InlineData("ids_disagree", "malformed")]
    public async Task AMalformedAssertion_IsRefused_Audited_AndNeverA500(string credential, string reason)
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var valid = key.Assert(await AssertionOptionsAsync(handle));
        JsonNode node = credential switch
        {
            "client_data_not_json" => With(valid, "clientDataJSON", SoftwareAuthenticator.Base64Url("not json"u8)),
            "short_authenticator_data" => With(valid, "authenticatorData", SoftwareAuthenticator.Base64Url(new byte[20])),
            "signature_not_der" => With(valid, "signature", SoftwareAuthenticator.Base64Url(new byte[64])),
            "ids_disagree" => WithId(valid, SoftwareAuthenticator.Base64Url(new byte[32])),
            _ => JsonNode.Parse(credential)!,
        };

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = node });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Equal(reason, Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed).Code);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_OrLacksTheCredential_IsABadRequest()
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;

        var (notJson, body, _) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in/webauthn", rawBody: "{\"flow\": \"" + handle + "\", \"credential\": {");
        var (missing, missingBody, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle });

        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.Equal("request.malformed_json", body.Code());
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("request.invalid", missingBody.Code());
    }

    [Fact]
    public async Task AReplayedAssertion_IsRefused()
    {
        using var key = await RegisteredKeyAsync();
        var first = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var assertion = key.Assert(await AssertionOptionsAsync(first));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = first, credential = assertion })).Status);

        var again = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = first, credential = assertion });
        var second = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        await AssertionOptionsAsync(second);
        var elsewhere = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = second, credential = assertion });

        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.Equal("flow.invalid", again.Body.Code());
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.Status);
        Assert.Equal("factor.invalid", elsewhere.Body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == "wrong_challenge");
    }

    [Fact]
    public async Task AChallengeIsUsedOnce_EvenWhenTheAttemptFails()
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var options = await AssertionOptionsAsync(handle);
        var assertion = key.Assert(options);
        await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = Tampered(assertion.DeepClone().AsObject(), "signature") });

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = assertion });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == "no_challenge");
        // New options for the same flow, and the key signs in.
        Assert.Equal(HttpStatusCode.OK, (await AssertAsync(handle, key)).Status);
    }

    [Fact]
    public async Task AnExpiredChallenge_IsRefused()
    {
        await StartAsync(("Factors:WebAuthn:ChallengeLifetime", "00:01:00"));
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var assertion = key.Assert(await AssertionOptionsAsync(handle));
        _gate.Time.Advance(TimeSpan.FromMinutes(2));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = assertion });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == "challenge_expired");
    }

    [Fact]
    public async Task AnExpiredFlow_IsRefused()
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var assertion = key.Assert(await AssertionOptionsAsync(handle));
        _gate.Time.Advance(TimeSpan.FromMinutes(5));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = assertion });
        var (optionsStatus, optionsBody, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn/options", new { flow = handle });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("flow.invalid", body.Code());
        Assert.Equal(HttpStatusCode.Unauthorized, optionsStatus);
        Assert.Equal("flow.invalid", optionsBody.Code());
    }

    [Fact]
    public async Task AnAssertionWithoutOptions_IsRefused()
    {
        using var key = await RegisteredKeyAsync();
        var first = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var assertion = key.Assert(await AssertionOptionsAsync(first));
        var other = (await PasswordStepAsync()).GetProperty("handle").GetString()!;

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = other, credential = assertion });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == "no_challenge");
    }

    [Theory]
    [InlineData(false, 1u)]
    [InlineData(true, 0u)]
    public async Task ASignCounterThatGoesBackwards_IsRefused_AuditedAndNotified(bool stopsCounting, uint presented)
    {
        using var key = await RegisteredKeyAsync();
        await SignInWithKeyAsync(key);
        await SignInWithKeyAsync(key);
        // A copy of the key that has not seen the last two signatures, or one that stopped counting.
        key.SignCount = 0;
        key.CountsSignatures = !stopsCounting;

        var (status, body, _) = await AssertAsync((await PasswordStepAsync()).GetProperty("handle").GetString()!, key);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        var audit = await _gate.ReadAuditAsync();
        var regression = Assert.Single(audit, e => e.Type == AuditEventTypes.FactorCounterRegression);
        Assert.Equal("counter_regression", regression.Code);
        Assert.Contains("\"stored_count\":2", regression.Data, StringComparison.Ordinal);
        Assert.Contains($"\"presented_count\":{presented}", regression.Data, StringComparison.Ordinal);
        Assert.Contains(audit, e => e.Type == AuditEventTypes.SignInFailed && e.Code == "counter_regression");
        var notice = Assert.Single(await NotificationsAsync(), n => n.Type == NotificationTypes.SignCounterRegression);
        Assert.Equal(NotificationSeverity.Critical, notice.Severity);
        Assert.Equal(2, Assert.Single(await WebAuthnFactorsAsync()).SignCount);
    }

    [Fact]
    public async Task AKeyWithoutACounter_SignsInAgainAndAgain()
    {
        using var passkey = new SoftwareAuthenticator(Origin) { BackupEligible = true, CountsSignatures = false };
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(await PasswordSessionAsync(), passkey, "Passkey")).Status);

        await SignInWithKeyAsync(passkey);
        await SignInWithKeyAsync(passkey);
    }

    [Fact]
    public async Task FailedAssertions_EndTheFlow_AndThrottleTheUser()
    {
        using var key = await RegisteredKeyAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var assertion = Tampered(key.Assert(await AssertionOptionsAsync(handle)), "signature");
            codes.Add((await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = assertion })).Body.Code());
        }

        Assert.Equal(["factor.invalid", "factor.invalid", "factor.invalid", "factor.invalid", "flow.failed"], codes);

        // The sixth failure in a row, in a new flow, earns a wait that even the right key has to sit out.
        var next = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var sixth = Tampered(key.Assert(await AssertionOptionsAsync(next)), "signature");
        Assert.Equal("factor.invalid", (await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = next, credential = sixth })).Body.Code());
        var (status, body, _) = await AssertAsync(next, key);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("factor.throttled", body.Code());
        _gate.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await AssertAsync(next, key)).Status);
    }

    [Fact]
    public async Task AUserWithoutAKey_GetsNoOptions()
    {
        // Alice has an authenticator app only.
        var token = await PasswordSessionAsync();
        var (_, enrolment, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);
        var secret = OtpNet.Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        var code = Core.Factors.Totp.TotpCode.Compute(secret, _gate.Time.GetUtcNow());
        var factorId = enrolment.GetProperty("factor").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync($"/api/v1/factors/totp/{factorId}/confirm", new { code }, token)).Status);
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn/options", new { flow = handle });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.not_available", body.Code());
    }

    [Fact]
    public async Task StepUp_WithADeviceBoundKey_AddsAFreshPhishingResistantProof()
    {
        using var key = await RegisteredKeyAsync();
        var token = await SignInWithKeyAsync(key);
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (_, stepUp, _) = await _client.PostJsonAsync("/api/v1/session/step-up", new { }, token);
        var (status, body, _) = await AssertAsync(stepUp.GetProperty("handle").GetString()!, key);

        Assert.Equal(HttpStatusCode.OK, status);
        var session = body.GetProperty("session");
        Assert.Equal("aal3", session.GetProperty("assurance").GetString());
        Assert.Equal(3, session.GetProperty("authentications").GetArrayLength());
        using var another = Key();
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(body.Token(), another, "Second key")).Status);
    }

    [Fact]
    public async Task RevokingTheKeysDevice_RemovesTheCredential()
    {
        using var key = Key();
        var (_, factor, _) = await RegisterAsync(await PasswordSessionAsync(), key, "Lost key");
        using var spare = Key();
        var token = await SignInWithKeyAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(token, spare, "Spare key")).Status);

        var revoked = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{factor.GetProperty("device_id").GetString()}", token);
        Assert.True(revoked.Status is HttpStatusCode.OK or HttpStatusCode.NoContent);

        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString()!;
        var options = await AssertionOptionsAsync(handle);
        Assert.Equal(spare.CredentialId, SoftwareAuthenticator.FromBase64Url(Assert.Single(options.GetProperty("allowCredentials").EnumerateArray()).GetProperty("id").GetString()!));
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = key.Assert(WithoutAllowList(options)) });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.SignInFailed && e.Code == "unknown_credential");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private async Task StartAsync(params (string Key, string? Value)[] settings) => await StartAsync(true, settings);

    private async Task StartAsync(bool withOrigins, params (string Key, string? Value)[] settings)
    {
        if (_gate is not null)
        {
            _client.Dispose();
            await _gate.DisposeAsync();
        }

        var all = new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" };
        if (withOrigins)
        {
            all["Factors:WebAuthn:Origins:0"] = Origin;
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _gate = await TestGate.StartAsync(all);
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    private static SoftwareAuthenticator Key(bool backupEligible = false) =>
        new(Origin) { BackupEligible = backupEligible, BackedUp = backupEligible };

    /// <summary>A session from the password alone: enough to register a first factor while it is fresh.</summary>
    private async Task<string> PasswordSessionAsync() => (await _gate.SignInAsync(_client, "alice")).Token();

    private async Task<(string ChallengeId, JsonElement Options)> RegistrationOptionsAsync(string token, string? name = null)
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/webauthn/options", new { name }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("challenge_id").GetString()!, body.GetProperty("options"));
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> CompleteAsync(string token, string challengeId,
        JsonNode credential, string? name = null) =>
        _client.PostJsonAsync("/api/v1/factors/webauthn", new { challenge_id = challengeId, name, credential }, token);

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RegisterAsync(string token,
        SoftwareAuthenticator key, string? name)
    {
        var (challengeId, options) = await RegistrationOptionsAsync(token, name);
        return await CompleteAsync(token, challengeId, key.Register(options));
    }

    private async Task<SoftwareAuthenticator> RegisteredKeyAsync()
    {
        var key = Key();
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(await PasswordSessionAsync(), key, "YubiKey 5C")).Status);
        return key;
    }

    private async Task<JsonElement> PasswordStepAsync()
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("second_factor_required", body.GetProperty("status").GetString());
        return body.GetProperty("flow");
    }

    private async Task<JsonElement> AssertionOptionsAsync(string handle)
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/webauthn/options", new { flow = handle });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("options");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> AssertAsync(string handle, SoftwareAuthenticator key)
    {
        var options = await AssertionOptionsAsync(handle);
        return await _client.PostJsonAsync("/api/v1/sign-in/webauthn", new { flow = handle, credential = key.Assert(options) });
    }

    private async Task<string> SignInWithKeyAsync(SoftwareAuthenticator key)
    {
        var (status, body, _) = await AssertAsync((await PasswordStepAsync()).GetProperty("handle").GetString()!, key);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Token();
    }

    private async Task<IReadOnlyList<NotificationEvent>> NotificationsAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        return await unit.Notifications.ListForUserAsync(user!.Id, 100, CancellationToken.None);
    }

    private async Task<List<Core.Factors.Factor>> WebAuthnFactorsAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        return (await unit.Factors.ListForUserAsync(user!.Id, CancellationToken.None)).Where(f => f.Kind == Core.Factors.FactorKind.WebAuthn).ToList();
    }

    private static JsonObject WithOrigin(SoftwareAuthenticator key, string origin, Func<JsonObject> act)
    {
        key.Origin = origin;
        try
        {
            return act();
        }
        finally
        {
            key.Origin = Origin;
        }
    }

    private static JsonObject WithRpId(SoftwareAuthenticator key, string rpId, Func<JsonObject> act)
    {
        key.RpId = rpId;
        try
        {
            return act();
        }
        finally
        {
            key.RpId = null;
        }
    }

    private static JsonObject WithoutUserPresence(SoftwareAuthenticator key, Func<JsonObject> act)
    {
        key.UserPresent = false;
        try
        {
            return act();
        }
        finally
        {
            key.UserPresent = true;
        }
    }

    /// <summary>The options with a challenge the server never issued.</summary>
    private static JsonElement WithChallenge(JsonElement options)
    {
        var node = JsonNode.Parse(options.GetRawText())!.AsObject();
        node["challenge"] = SoftwareAuthenticator.Base64Url(new byte[32]);
        return JsonSerializer.SerializeToElement(node);
    }

    private static JsonElement WithoutAllowList(JsonElement options)
    {
        var node = JsonNode.Parse(options.GetRawText())!.AsObject();
        node.Remove("allowCredentials");
        return JsonSerializer.SerializeToElement(node);
    }

    private static JsonObject WithClientData(JsonObject credential, Action<JsonObject> change)
    {
        var response = credential["response"]!.AsObject();
        var clientData = JsonNode.Parse(SoftwareAuthenticator.FromBase64Url(response["clientDataJSON"]!.GetValue<string>()))!.AsObject();
        change(clientData);
        response["clientDataJSON"] = SoftwareAuthenticator.Base64Url(Encoding.UTF8.GetBytes(clientData.ToJsonString()));
        return credential;
    }

    private static JsonObject WithUserHandle(JsonObject credential, byte[] userHandle) =>
        With(credential, "userHandle", SoftwareAuthenticator.Base64Url(userHandle));

    /// <summary>Flips one bit near the end of a binary response member.</summary>
    private static JsonObject Tampered(JsonObject credential, string member)
    {
        var bytes = SoftwareAuthenticator.FromBase64Url(credential["response"]![member]!.GetValue<string>());
        bytes[^3] ^= 0x01;
        return With(credential, member, SoftwareAuthenticator.Base64Url(bytes));
    }

    private static JsonObject With(JsonObject credential, string member, string value)
    {
        credential["response"]![member] = value;
        return credential;
    }

    private static JsonObject WithId(JsonObject credential, string id)
    {
        credential["id"] = id;
        return credential;
    }
}
