using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Notifications;

namespace Portcullis.Core.Tests.Notifications;

public sealed class NotificationConfigurationCheckTests
{
    private static List<string> Problems(NotificationOptions options) =>
        new NotificationConfigurationCheck(Options.Create(options)).Problems().ToList();

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Problems(new NotificationOptions()));

    [Fact]
    public void EveryProblem_IsReportedAtOnce_WithItsPathAndValue()
    {
        var options = new NotificationOptions { PublicUrl = "ftp://gate", FreezeLinkLifetime = TimeSpan.Zero };
        options.Dispatcher.MaxAttempts = 0;
        options.Dispatcher.Lease = TimeSpan.FromSeconds(10);

        var problems = Problems(options);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Notifications:PublicUrl:", StringComparison.Ordinal) && p.Contains("ftp://gate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Notifications:FreezeLinkLifetime:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Notifications:Dispatcher:MaxAttempts:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Notifications:Dispatcher:Lease:", StringComparison.Ordinal));
    }
}
