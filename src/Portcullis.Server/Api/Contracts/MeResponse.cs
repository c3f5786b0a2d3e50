namespace Portcullis.Server.Api.Contracts;

/// <summary>GET /api/v1/me.</summary>
public sealed record MeResponse(UserView User, SessionView? Session, IReadOnlyList<AccountView> Accounts);
