using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Webhooks;

namespace Portcullis.Core.Tests.Notifications;

public sealed class NotificationSettingsRulesTests
{
    [Fact]
    public void EventTypes_NullMeansAll_ListIsValidatedAndDeduplicated()
    {
        Assert.Null(WebhookEndpointService.ParseEventTypes(null).Value);
        Assert.Equal("security.new_device trade.executed",
            WebhookEndpointService.ParseEventTypes(["security.new_device", "trade.executed", "security.new_device"]).Value);
        Assert.Equal(NotificationErrors.WebhookInvalidCode, WebhookEndpointService.ParseEventTypes(["security.nope"]).Error!.Code);
        Assert.Equal(NotificationErrors.WebhookInvalidCode, WebhookEndpointService.ParseEventTypes([]).Error!.Code);
        Assert.Equal(NotificationErrors.WebhookInvalidCode, WebhookEndpointService.ParseEventTypes([null]).Error!.Code);
    }

    [Fact]
    public void Clean_TrimsAndBoundsLabels()
    {
        Assert.Equal("Work", NotificationSettingsService.Clean("  Work\u0007 ", 64));
        Assert.Null(NotificationSettingsService.Clean("   ", 64));
        Assert.Null(NotificationSettingsService.Clean(new string('x', 65), 64));
    }
}
