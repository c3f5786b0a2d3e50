using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Tests;

/// <summary>
/// Session keys of API keys: every field round-trips; one lookup by keyid returns the session key with its API key, both
/// tracked (a signed request changes the key's usage and commits); an API key's session keys are listed newest first and
/// can be deleted.
/// </summary>
public abstract partial class GateStoreConformance
{
    private static ApiSessionKey NewSessionKey(ApiKey key, string keyId, DateTimeOffset createdAt, string ip = "198.51.100.7") => new()
    {
        Id = Guid.CreateVersion7(createdAt),
        KeyId = keyId,
        ApiKeyId = key.Id,
        SecretCiphertext = [9, 8, 7, 6],
        BoundIp = ip,
        CreatedAt = createdAt,
        ExpiresAt = createdAt.AddMinutes(15),
    };

    [SkippableFact]
    public async Task SessionKey_RoundTripsEveryField_AndIsFoundWithItsApiKeyByItsKeyId()
    {
        var alice = NewUser("alice");
        var key = NewApiKey(alice, "pk_aaaaaaaaaaaaaaaaaaaaaaaa");
        var older = NewSessionKey(key, "sk_aaaaaaaaaaaaaaaaaaaaaaaa", Start.AddMinutes(1), "2001:db8::7");
        var newer = NewSessionKey(key, "sk_bbbbbbbbbbbbbbbbbbbbbbbb", Start.AddMinutes(2));
        newer.RevokedAt = Start.AddMinutes(3);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.ApiKeys.Add(key);
            u.SessionKeys.Add(older);
            u.SessionKeys.Add(newer);
        });

        var found = await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync(older.KeyId, Ct));
        var listed = await ReadAsync(u => u.SessionKeys.ListForApiKeyAsync(key.Id, Ct));

        Assert.NotNull(found);
        var (session, parent) = found.Value;
        Assert.Equal((older.Id, older.KeyId, key.Id, "2001:db8::7"), (session.Id, session.KeyId, session.ApiKeyId, session.BoundIp));
        Assert.Equal([9, 8, 7, 6], session.SecretCiphertext);
        Assert.Equal((older.CreatedAt, older.ExpiresAt, (DateTimeOffset?)null), (session.CreatedAt, session.ExpiresAt, session.RevokedAt));
        Assert.Equal((key.Id, key.KeyId, key.UserId), (parent.Id, parent.KeyId, parent.UserId));
        Assert.Equal([newer.Id, older.Id], listed.Select(s => s.Id));
        Assert.Equal(Start.AddMinutes(3), listed[0].RevokedAt);
        Assert.Null(await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync("sk_unknown", Ct)));
        Assert.Null(await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync(key.KeyId, Ct)));
        Assert.Empty(await ReadAsync(u => u.SessionKeys.ListForApiKeyAsync(Guid.NewGuid(), Ct)));
    }

    [SkippableFact]
    public async Task SessionKey_FoundWithItsApiKey_BothChangesAreSavedAtCommit_AndARemovedOneIsGone()
    {
        var alice = NewUser("alice");
        var key = NewApiKey(alice, "pk_cccccccccccccccccccccccc");
        var kept = NewSessionKey(key, "sk_cccccccccccccccccccccccc", Start);
        var removed = NewSessionKey(key, "sk_dddddddddddddddddddddddd", Start.AddMinutes(1));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.ApiKeys.Add(key);
            u.SessionKeys.Add(kept);
            u.SessionKeys.Add(removed);
        });

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var (session, parent) = (await unit.SessionKeys.FindByKeyIdAsync(kept.KeyId, Ct))!.Value;
            session.RevokedAt = Start.AddMinutes(5);
            parent.RequestCount++;
            parent.LastUsedIp = "198.51.100.7";
            var gone = (await unit.SessionKeys.ListForApiKeyAsync(key.Id, Ct)).Single(s => s.Id == removed.Id);
            unit.SessionKeys.Remove(gone);
            await unit.CommitAsync(Ct);
        }

        var (again, reloaded) = (await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync(kept.KeyId, Ct)))!.Value;
        Assert.Equal(Start.AddMinutes(5), again.RevokedAt);
        Assert.Equal((1, "198.51.100.7"), (reloaded.RequestCount, reloaded.LastUsedIp));
        Assert.Null(await ReadAsync(u => u.SessionKeys.FindByKeyIdAsync(removed.KeyId, Ct)));
        Assert.Equal([kept.Id], (await ReadAsync(u => u.SessionKeys.ListForApiKeyAsync(key.Id, Ct))).Select(s => s.Id));
    }

    [SkippableFact]
    public async Task SessionKey_KeyIdIsUnique()
    {
        var alice = NewUser("alice");
        var key = NewApiKey(alice, "pk_eeeeeeeeeeeeeeeeeeeeeeee");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.ApiKeys.Add(key);
            u.SessionKeys.Add(NewSessionKey(key, "sk_eeeeeeeeeeeeeeeeeeeeeeee", Start));
        });

        await Assert.ThrowsAnyAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => CommitAsync(u => u.SessionKeys.Add(NewSessionKey(key, "sk_eeeeeeeeeeeeeeeeeeeeeeee", Start.AddMinutes(1)))));
        Assert.Single(await ReadAsync(u => u.SessionKeys.ListForApiKeyAsync(key.Id, Ct)));
    }
}
