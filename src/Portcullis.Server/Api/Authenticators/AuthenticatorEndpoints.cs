namespace Portcullis.Server.Api.Authenticators;

/// <summary>Endpoints called by authenticator devices themselves (enrolment by code, challenges, answers).</summary>
internal static class AuthenticatorEndpoints
{
    public static void Map(RouteGroupBuilder api) => _ = api;
}
