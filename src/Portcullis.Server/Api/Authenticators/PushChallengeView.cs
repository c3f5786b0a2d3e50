using System.Buffers.Text;
using Portcullis.Core.Factors.Push;

namespace Portcullis.Server.Api.Authenticators;

/// <summary>A pending push as the authenticator shows it: who asks, from where, and the three numbers to pick from.</summary>
public sealed record PushChallengeView(
    Guid Id,
    string Nonce,
    string Summary,
    string? RequestIp,
    string? RequestDevice,
    string? Location,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<int> Choices)
{
    public static PushChallengeView From(PushChallenge c) => new(
        c.Id, Base64Url.EncodeToString(c.Nonce), c.Summary, c.RequestIp, c.RequestDevice, c.Location, c.CreatedAt, c.ExpiresAt,
        PushNumbers.Parse(c.Choices));
}
