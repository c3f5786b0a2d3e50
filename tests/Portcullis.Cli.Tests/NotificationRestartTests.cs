using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary>
/// The outbox's acceptance test, with the real executable: a sign-in commits its new-device notification, the
/// process is killed before anything is sent, and the next process delivers it to a real SMTP server exactly once.
/// </summary>
public sealed class NotificationRestartTests : IAsyncLifetime
{
    private const string Password = "correct-fjord-lantern-quartz-7";
    private const string Phrase = "purple walrus at dawn";
    private CliStore _store = null!;
    private TestSmtpServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _store = await CliStore.InitialisedAsync();
        _smtp = await TestSmtpServer.StartAsync();
        await using var gate = await StoreGate.StartAsync(_store, new Dictionary<string, string?> { ["Notifications:Dispatcher:Enabled"] = "false" });
        var created = await gate.Services.GetRequiredService<UserService>()
            .CreateAsync(new NewUser("alice", "Alice", UserRole.AccountHolder, Password), Actors.Cli, CancellationToken.None);
        await using var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var alice = (await unit.Users.FindAsync(created.Value.User.Id, CancellationToken.None))!;
        alice.AntiPhishingPhrase = Phrase;
        unit.NotificationSettings.AddContact(new NotificationContact
        {
            Id = Guid.NewGuid(),
            UserId = alice.Id,
            Channel = NotificationChannel.Email,
            Address = "alice@example.com",
            CreatedAt = TimeProvider.System.GetUtcNow(),
        });
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _store.Dispose();
    }

    private string Config(bool dispatcher)
    {
        var path = Path.Combine(_store.Folder, dispatcher ? "dispatching.json" : "holding.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Notifications = new
            {
                Dispatcher = new { Enabled = dispatcher, PollInterval = "00:00:00.500" },
                Email = new { Sink = "smtp", Smtp = new { Host = _smtp.Host, Port = _smtp.Port, Security = "none" } },
            },
        }));
        return path;
    }

    private Task<PortcullisProcess> ServeAsync(bool dispatcher) => PortcullisProcess.StartAsync(
        ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _store.DataDirectory, "--config", Config(dispatcher)], _store.Folder,
        waitForPassword: false);

    [Fact]
    public async Task KilledBetweenCommitAndDelivery_TheNextProcessDeliversExactlyOnce()
    {
        await using (var first = await ServeAsync(dispatcher: false))
        {
            using var client = first.CreateClient();
            using var signIn = await client.PostAsJsonAsync("/api/v1/sign-in", new { username = "alice", password = Password });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            await first.StopAsync(); // SIGKILL: no graceful shutdown
        }

        Assert.Empty(_smtp.Messages);
        await using var second = await ServeAsync(dispatcher: true);
        var delivered = await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(60));
        var email = Assert.Single(delivered);
        Assert.Contains("alice@example.com", email.EnvelopeTo, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(Phrase, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("new device", email.Subject, StringComparison.OrdinalIgnoreCase);

        // Several more polling rounds, then a restart: still exactly one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await second.StopAsync();
        await using var third = await ServeAsync(dispatcher: true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(_smtp.Messages);
        var deliveries = await _store.RunAsync("notifications", "deliveries", "--json");
        var row = JsonDocument.Parse(Assert.Single(deliveries.OutLines)).RootElement;
        Assert.Equal("delivered", row.GetProperty("state").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
    }
}
