namespace Portcullis.Server.Auth;

public static class FreshProofExtensions
{
    /// <summary>Requires a fresh second-factor proof in the session (see <see cref="FreshProofFilter"/>).</summary>
    public static RouteHandlerBuilder RequireFreshProof(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<FreshProofFilter>();
}
