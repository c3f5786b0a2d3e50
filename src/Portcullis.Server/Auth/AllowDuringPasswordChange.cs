namespace Portcullis.Server.Auth;

/// <summary>Endpoint metadata: reachable by a session that must still change its one-time password.</summary>
internal sealed class AllowDuringPasswordChange;
