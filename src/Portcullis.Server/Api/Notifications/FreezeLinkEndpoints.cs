namespace Portcullis.Server.Api.Notifications;

/// <summary>The one-click "this wasn't me" link from security emails.</summary>
public static class FreezeLinkEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
