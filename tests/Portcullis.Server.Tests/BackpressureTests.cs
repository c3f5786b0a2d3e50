using System.Net;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class BackpressureTests
{
    [Fact]
    public async Task FullHashingQueue_Answers429WithRetryAfter_WhileOtherRequestsAreServed()
    {
        // One hashing thread, one waiting place, and a deliberately slow hash.
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["Passwords:HashingConcurrency"] = "1",
            ["Passwords:HashingQueueCapacity"] = "1",
            ["Passwords:MemoryKiB"] = "65536",
            ["Passwords:Iterations"] = "3",
            ["SignIn:Network:FreeAttempts"] = "1000",
        });
        using var client = gate.CreateClient();

        var signIns = Enumerable.Range(0, 12)
            .Select(i => client.PostJsonAsync("/api/v1/sign-in", new { username = $"nobody{i}", password = "not-the-password-at-all" }))
            .ToList();
        var health = await client.GetJsonAsync("/health/live");
        var results = await Task.WhenAll(signIns);

        Assert.Equal(HttpStatusCode.OK, health.Status);
        var busy = results.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(busy);
        Assert.All(busy, r =>
        {
            Assert.Equal("signin.busy", r.Body.Code());
            Assert.Equal(TimeSpan.FromSeconds(1), r.Response.Headers.RetryAfter?.Delta);
        });
        Assert.InRange(results.Count(r => r.Status == HttpStatusCode.Unauthorized), 2, 10);
    }
}
