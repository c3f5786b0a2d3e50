namespace Portcullis.Server.Auth;

/// <summary>Endpoint metadata: reachable by a session that signed in with a recovery code and must enrol a factor.</summary>
internal sealed class AllowDuringFactorEnrollment;
