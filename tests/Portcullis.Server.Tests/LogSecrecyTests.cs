using System.Net;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class LogSecrecyTests
{
    [Fact]
    public async Task Logs_NeverContainPasswordsOrTokens()
    {
        await using var gate = await TestGate.StartAsync();
        await gate.CreateUserAsync("alice");
        using var client = gate.CreateClient();
        const string wrong = "wrong-but-secret-guess-1234";
        const string changed = "amber-otter-viaduct-91-gravel";
        var secrets = new List<string> { TestGate.StrongPassword, wrong, changed };

        await client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = wrong });
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "nobody", password = wrong });
        await client.SendAsync(HttpMethod.Post, "/api/v1/sign-in", rawBody: "{\"username\":\"alice\",\"password\":\"" + wrong + "\"");
        var signIn = await gate.SignInAsync(client, "alice");
        secrets.Add(signIn.Token());
        secrets.Add(signIn.GetProperty("device_token").GetString()!);
        var (status, rotated, _) = await client.PostJsonAsync("/api/v1/me/password",
            new { current_password = TestGate.StrongPassword, new_password = changed }, signIn.Token());
        Assert.Equal(HttpStatusCode.OK, status);
        secrets.Add(rotated.Token());
        await client.GetJsonAsync("/api/v1/me?token=" + rotated.Token(), rotated.Token());
        await client.PostJsonAsync("/api/v1/session/reauthenticate", new { password = wrong }, rotated.Token());

        var logs = gate.Logs.All;
        Assert.NotEmpty(gate.Logs.Lines);
        Assert.Contains("/api/v1/sign-in", logs, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("pcs_", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("pcd_", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("$argon2id$", logs, StringComparison.Ordinal);
    }
}
