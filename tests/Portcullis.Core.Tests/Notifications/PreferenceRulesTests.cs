using Portcullis.Core.Notifications;

namespace Portcullis.Core.Tests.Notifications;

public sealed class PreferenceRulesTests
{
    private static readonly Guid User = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static NotificationPreference Off(string type, NotificationChannel channel) =>
        new() { UserId = User, Type = type, Channel = channel, Enabled = false, UpdatedAt = Now };

    private static NotificationContact Contact(NotificationChannel channel) =>
        new() { Id = Guid.NewGuid(), UserId = User, Channel = channel, Address = "x", CreatedAt = Now };

    [Fact]
    public void Defaults_ComeFromTheCatalogue()
    {
        var newDevice = NotificationCatalog.Describe(NotificationTypes.NewDevice);
        var trade = NotificationCatalog.Describe(NotificationTypes.TradeExecuted);

        Assert.True(PreferenceRules.IsEnabled(newDevice, NotificationChannel.Sms, []));
        Assert.False(PreferenceRules.IsEnabled(trade, NotificationChannel.Sms, []));
        Assert.True(PreferenceRules.IsEnabled(trade, NotificationChannel.Email, []));
    }

    [Fact]
    public void AStoredChoice_Wins()
    {
        var trade = NotificationCatalog.Describe(NotificationTypes.TradeExecuted);

        Assert.False(PreferenceRules.IsEnabled(trade, NotificationChannel.Email, [Off(NotificationTypes.TradeExecuted, NotificationChannel.Email)]));
        Assert.True(PreferenceRules.IsEnabled(trade, NotificationChannel.Email, [Off(NotificationTypes.NewDevice, NotificationChannel.Email)]));
    }

    [Fact]
    public void ACriticalType_KeepsEmailOrSms()
    {
        var newDevice = NotificationCatalog.Describe(NotificationTypes.NewDevice);
        NotificationContact[] both = [Contact(NotificationChannel.Email), Contact(NotificationChannel.Sms)];

        Assert.True(PreferenceRules.KeepsCriticalReachable(newDevice, NotificationChannel.Email, false, [], both));
        Assert.False(PreferenceRules.KeepsCriticalReachable(newDevice, NotificationChannel.Email, false,
            [Off(NotificationTypes.NewDevice, NotificationChannel.Sms)], both));
        Assert.False(PreferenceRules.KeepsCriticalReachable(newDevice, NotificationChannel.Email, false, [], [Contact(NotificationChannel.Email)]));
        Assert.True(PreferenceRules.KeepsCriticalReachable(newDevice, NotificationChannel.Webhook, false, [], []));
        Assert.True(PreferenceRules.KeepsCriticalReachable(NotificationCatalog.Describe(NotificationTypes.TradeExecuted),
            NotificationChannel.Email, false, [], []));
    }

    [Fact]
    public void EveryCatalogueType_IsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "notifications.md"));

        Assert.All(NotificationCatalog.Everything, kind =>
            Assert.Contains($"| `{kind.Type}` | {kind.Severity.ToString().ToLowerInvariant()} | {kind.Title} |", doc, StringComparison.Ordinal));
    }

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Portcullis.slnx not found");
    }
}
