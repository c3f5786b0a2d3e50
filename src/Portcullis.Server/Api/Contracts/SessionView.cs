using Portcullis.Core.Sessions;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A session as its owner sees it. Never includes the token.</summary>
public sealed record SessionView(
    Guid Id,
    SessionClient Client,
    Guid? DeviceId,
    string? Ip,
    string? UserAgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    bool PasswordChangeRequired,
    bool FactorEnrollmentRequired,
    string Assurance,
    bool Current,
    IReadOnlyList<AuthenticationView> Authentications)
{
    public static SessionView From(Session s, Guid? currentId) => new(
        s.Id, s.Client, s.DeviceId, s.Ip, s.UserAgent, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.AbsoluteExpiresAt,
        s.PasswordChangeRequired, s.FactorEnrollmentRequired, Core.Sessions.Assurance.WireName(s.Assurance), s.Id == currentId,
        s.Authentications.OrderBy(a => a.At).ThenBy(a => a.Id).Select(AuthenticationView.From).ToList());
}
