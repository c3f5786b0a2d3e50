namespace Portcullis.Server.Api.Factors;

/// <summary>Endpoints of this factor: enrolment (authenticated) and its sign-in / step-up step (by flow handle).</summary>
internal static class RecoveryCodeEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        _ = api;
        _ = authenticated;
    }
}
