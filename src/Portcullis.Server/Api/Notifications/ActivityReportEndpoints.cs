namespace Portcullis.Server.Api.Notifications;

/// <summary>The activity report as JSON.</summary>
public static class ActivityReportEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
    }
}
