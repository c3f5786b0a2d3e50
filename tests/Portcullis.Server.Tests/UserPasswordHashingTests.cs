using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Passwords;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// Creating a user and an operator's password reset hash on the hashing threads, behind the same bounded queue as a
/// sign-in (issue 2: hashing must not starve the server): with the queue full they answer busy and change nothing.
/// </summary>
public sealed class UserPasswordHashingTests : IAsyncLifetime
{
    private TestGate _gate = null!;

    public async Task InitializeAsync() => _gate = await TestGate.StartAsync(new Dictionary<string, string?>
    {
        ["Passwords:HashingConcurrency"] = "1",
        ["Passwords:HashingQueueCapacity"] = "1",
    });

    public async Task DisposeAsync() => await _gate.DisposeAsync();

    [Fact]
    public async Task CreatingAndResetting_EachHashOnTheHashingThreads()
    {
        var pool = _gate.Services.GetRequiredService<PasswordHashingPool>();
        var users = _gate.Services.GetRequiredService<UserService>();
        var before = pool.Completed;

        await _gate.CreateUserAsync("alice");
        Assert.Equal(before + 1, pool.Completed);

        Assert.True((await users.ResetPasswordAsync("alice", "operator:test", CancellationToken.None)).IsSuccess);
        Assert.Equal(before + 2, pool.Completed);
    }

    [Fact]
    public async Task WithTheQueueFull_CreatingAndResettingAnswerBusy_AndChangeNothing()
    {
        await _gate.CreateUserAsync("alice");
        var pool = _gate.Services.GetRequiredService<PasswordHashingPool>();
        var users = _gate.Services.GetRequiredService<UserService>();
        var hashBefore = (await users.ListAsync(CancellationToken.None)).Single().PasswordHash;

        using (var running = pool.TryEnter())
        using (var waiting = pool.TryEnter())
        {
            Assert.NotNull(running);
            Assert.NotNull(waiting);

            var created = await users.CreateAsync(new NewUser("bob", "Bob", UserRole.AccountHolder, TestGate.StrongPassword), "test", CancellationToken.None);
            var reset = await users.ResetPasswordAsync("alice", "operator:test", CancellationToken.None);

            Assert.Equal(SignInErrors.BusyCode, created.Error?.Code);
            Assert.Equal(SignInErrors.BusyCode, reset.Error?.Code);
        }

        var listed = await users.ListAsync(CancellationToken.None);
        Assert.Equal(["alice"], listed.Select(u => u.Username));
        Assert.Equal(hashBefore, listed.Single().PasswordHash);
        Assert.True((await users.CreateAsync(new NewUser("bob", "Bob", UserRole.AccountHolder, TestGate.StrongPassword), "test", CancellationToken.None)).IsSuccess);
    }
}
