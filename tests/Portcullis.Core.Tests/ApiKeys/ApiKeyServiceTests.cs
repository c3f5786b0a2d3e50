using System.Security.Cryptography;
using NSec.Cryptography;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Secrets;
using Portcullis.Core.Tests.Protection;

namespace Portcullis.Core.Tests.ApiKeys;

public sealed class ApiKeyServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static (string Raw, string Pem, byte[] PublicKey) Ed25519Key()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var raw = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var spki = key.PublicKey.Export(KeyBlobFormat.PkixPublicKey);
        return (Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_'), Pem(spki), raw);
    }

    private static string Pem(byte[] spki) => "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String(spki, Base64FormattingOptions.InsertLineBreaks) + "\n-----END PUBLIC KEY-----\n";

    private static NewApiKey Valid(string publicKey) => new()
    {
        Name = "Grid bot",
        PublicKey = publicKey,
        Permissions = ["read", "trade"],
        AssetClasses = ["stock"],
        Symbols = ["acme"],
        MaxOrderNotional = 10_000m,
        IpAllowlist = ["198.51.100.7"],
    };

    [Fact]
    public async Task Create_Ed25519_StoresTheRawPublicKey_AndTheSameKeyAsPemHasTheSameFingerprint()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();
        var (raw, pem, bytes) = Ed25519Key();

        var fromRaw = await service.CreateAsync(alice.Id, Valid(raw), "198.51.100.7", Ct);
        var fromPem = await service.CreateAsync(alice.Id, Valid(pem) with { Name = "Same key, as PEM" }, null, Ct);

        Assert.True(fromRaw.IsSuccess, fromRaw.Error?.Code);
        var key = fromRaw.Value.Key;
        Assert.Null(fromRaw.Value.Secret);
        Assert.Equal(bytes, key.PublicKey);
        Assert.Equal(ApiKeyPublicKeys.Fingerprint(key.PublicKey!), ApiKeyPublicKeys.Fingerprint(fromPem.Value.Key.PublicKey!));
        Assert.Matches("^pk_[a-z2-7]{24}$", key.KeyId);
        Assert.NotEqual(key.KeyId, fromPem.Value.Key.KeyId);
        Assert.Equal(["ACME"], key.Symbols);
        Assert.Equal(["198.51.100.7/32"], key.IpAllowlist);
        Assert.Equal(gate.Time.GetUtcNow() + TimeSpan.FromDays(90), key.ExpiresAt);
        Assert.Null(key.TradeLapsesAt);
        var audit = await gate.AuditAsync(AuditEventTypes.ApiKeyCreated);
        Assert.Equal(2, audit.Count);
        Assert.DoesNotContain(raw, audit[0].Data, StringComparison.Ordinal);
        await using var unit = await gate.Store.OpenAsync(Ct);
        Assert.Contains(await unit.Notifications.ListForUserAsync(alice.Id, 50, Ct),
            e => e.Type == NotificationTypes.ApiKeyCreated && e.Severity == NotificationSeverity.Critical && e.Summary.Contains(key.KeyId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_EcdsaP256_AcceptsAP256Key_AndRefusesAnotherCurve()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var accepted = await service.CreateAsync(alice.Id, Valid(Pem(p256.ExportSubjectPublicKeyInfo())) with { Algorithm = "ecdsa-p256-sha256" }, null, Ct);
        var refused = await service.CreateAsync(alice.Id, Valid(Pem(p384.ExportSubjectPublicKeyInfo())) with { Algorithm = "ecdsa-p256-sha256" }, null, Ct);
        var ed25519AsEcdsa = await service.CreateAsync(alice.Id, Valid(Ed25519Key().Pem) with { Algorithm = "ecdsa-p256-sha256" }, null, Ct);

        Assert.True(accepted.IsSuccess, accepted.Error?.Code);
        Assert.Equal(p256.ExportSubjectPublicKeyInfo(), accepted.Value.Key.PublicKey);
        Assert.Equal(ApiKeyErrors.PublicKeyInvalidCode, refused.Error?.Code);
        Assert.Equal(ApiKeyErrors.PublicKeyInvalidCode, ed25519AsEcdsa.Error?.Code);
    }

    [Fact]
    public async Task Create_Hmac_ShowsTheSecretOnce_AndStoresItOnlyEncrypted()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();

        var created = await service.CreateAsync(alice.Id, Valid(null!) with { Algorithm = "hmac-sha256", PublicKey = null }, null, Ct);
        var withPublicKey = await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw) with { Algorithm = "hmac-sha256" }, null, Ct);

        Assert.True(created.IsSuccess, created.Error?.Code);
        var secret = Convert.FromBase64String(created.Value.Secret!.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(32, secret.Length);
        var stored = created.Value.Key.SecretCiphertext!;
        Assert.Equal(-1, stored.AsSpan().IndexOf(secret));
        Assert.Equal(secret, gate.Get<ISecretProtector>().Unprotect(stored, ApiKeyService.SecretPurpose));
        Assert.Null(created.Value.Key.PublicKey);
        Assert.Equal(ApiKeyErrors.PublicKeyInvalidCode, withPublicKey.Error?.Code);
    }

    [Fact]
    public async Task Create_ReportsEveryInvalidField_AtOnce_AndStoresNothing()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();

        var result = await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw) with
        {
            Name = " ",
            Permissions = ["read", "withdraw"],
            AssetClasses = ["crypto"],
            OrderTypes = ["iceberg"],
            MaxOrderNotional = -5m,
            MaxOrdersPerMinute = 0,
            IpAllowlist = ["10.0.0.0/33"],
            ExpiresInDays = 400,
        }, null, Ct);

        Assert.Equal(ApiKeyErrors.InvalidCode, result.Error?.Code);
        Assert.Equal(
            ["asset_classes", "expires_in_days", "ip_allowlist", "max_order_notional", "max_orders_per_minute", "name", "order_types", "permissions"],
            result.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("withdraw", result.Error.Fields["permissions"][0], StringComparison.Ordinal);
        Assert.Empty(await service.ListAsync(alice.Id, Ct));
        Assert.Empty(await gate.AuditAsync(AuditEventTypes.ApiKeyCreated));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA")]
    public async Task Create_WithABadPublicKey_IsRefused(string? publicKey)
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<ApiKeyService>().CreateAsync(alice.Id, Valid(publicKey!), null, Ct);

        Assert.Equal(ApiKeyErrors.PublicKeyInvalidCode, result.Error?.Code);
    }

    [Fact]
    public async Task TradeWithoutAnAllowlist_LapsesAfter30Days_ReadKeepsWorking_AndTheKeyExpires()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();
        var created = await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw) with { IpAllowlist = null, ExpiresInDays = 60 }, null, Ct);
        var readOnly = await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw) with { IpAllowlist = null, Permissions = ["read"] }, null, Ct);
        var key = created.Value.Key;
        var start = gate.Time.GetUtcNow();

        Assert.Equal(start + TimeSpan.FromDays(30), key.TradeLapsesAt);
        Assert.Null(readOnly.Value.Key.TradeLapsesAt);
        Assert.Equal(ApiKeyPermissions.Read | ApiKeyPermissions.Trade, key.PermissionsAt(start + TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1)));
        Assert.Equal(ApiKeyPermissions.Read, key.PermissionsAt(start + TimeSpan.FromDays(30)));
        Assert.Equal("active", key.StateAt(start + TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1)));
        Assert.Equal("expired", key.StateAt(start + TimeSpan.FromDays(60)));
    }

    [Fact]
    public async Task MoreActiveKeysThanAllowed_AreRefused_UntilOneIsRevoked()
    {
        await using var gate = await ProtectionFixture.StartAsync(new Dictionary<string, string?> { ["ApiKeys:MaxKeysPerUser"] = "2" });
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();
        var first = (await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw), null, Ct)).Value.Key;
        await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw), null, Ct);

        Assert.Equal(ApiKeyErrors.LimitCode, (await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw), null, Ct)).Error?.Code);
        await service.RevokeAsync(alice.Id, first.Id, Actors.User(alice.Id), null, Ct);
        Assert.True((await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw), null, Ct)).IsSuccess);
    }

    [Fact]
    public async Task Revoke_EndsTheKeyAtOnce_OnceOnly_AndNotForAnotherUser()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var mallory = await gate.CreateUserAsync("mallory");
        var service = gate.Get<ApiKeyService>();
        var key = (await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw), null, Ct)).Value.Key;

        Assert.Equal(ApiKeyErrors.NotFoundCode, (await service.RevokeAsync(mallory.Id, key.Id, Actors.User(mallory.Id), null, Ct)).Error?.Code);
        var revoked = await service.RevokeAsync(alice.Id, key.Id, Actors.User(alice.Id), null, Ct);
        var again = await service.RevokeAsync(alice.Id, key.Id, Actors.User(alice.Id), null, Ct);

        Assert.Equal("revoked", revoked.Value.StateAt(gate.Time.GetUtcNow()));
        Assert.Equal(ApiKeyErrors.RevokedCode, again.Error?.Code);
        Assert.Single(await gate.AuditAsync(AuditEventTypes.ApiKeyRevoked));
    }

    [Fact]
    public async Task Rotate_CreatesASuccessorWithTheSameScopes_AndTheOldKeyExpiresAfterTheOverlap()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var service = gate.Get<ApiKeyService>();
        var old = (await service.CreateAsync(alice.Id, Valid(Ed25519Key().Raw) with { ExpiresInDays = 30 }, null, Ct)).Value.Key;
        gate.Time.Advance(TimeSpan.FromDays(10));
        var now = gate.Time.GetUtcNow();
        var (_, _, next) = Ed25519Key();

        var rotated = await service.RotateAsync(alice.Id, old.Id, Convert.ToBase64String(next), 12, null, Ct);
        var twice = await service.RotateAsync(alice.Id, old.Id, Ed25519Key().Raw, null, null, Ct);
        var tooLong = await service.RotateAsync(alice.Id, rotated.Value.Key.Id, Ed25519Key().Raw, 24 * 8, null, Ct);
        var absurd = await service.RotateAsync(alice.Id, rotated.Value.Key.Id, Ed25519Key().Raw, int.MaxValue, null, Ct);

        Assert.True(rotated.IsSuccess, rotated.Error?.Code);
        var successor = rotated.Value.Key;
        Assert.Equal(next, successor.PublicKey);
        Assert.Equal(old.Id, successor.PredecessorId);
        Assert.Equal(old.Permissions, successor.Permissions);
        Assert.Equal(old.Symbols, successor.Symbols);
        Assert.Equal(old.IpAllowlist, successor.IpAllowlist);
        Assert.Equal(old.MaxOrderNotional, successor.MaxOrderNotional);
        Assert.Equal(now + TimeSpan.FromDays(30), successor.ExpiresAt);
        var before = (await service.FindAsync(alice.Id, old.Id, Ct)).Value;
        Assert.Equal((now + TimeSpan.FromHours(12), successor.Id), (before.ExpiresAt, before.SuccessorId));
        Assert.Equal(ApiKeyErrors.AlreadyRotatedCode, twice.Error?.Code);
        Assert.Equal(ApiKeyErrors.InvalidCode, tooLong.Error?.Code);
        Assert.Equal(ApiKeyErrors.InvalidCode, absurd.Error?.Code);
        Assert.Single(await gate.AuditAsync(AuditEventTypes.ApiKeyRotated));
    }
}
