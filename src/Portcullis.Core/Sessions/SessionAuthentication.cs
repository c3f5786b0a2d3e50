namespace Portcullis.Core.Sessions;

/// <summary>One proof of identity made within a session: which method, when, on which device.</summary>
public sealed class SessionAuthentication
{
    public long Id { get; init; }

    public required Guid SessionId { get; init; }

    /// <summary>The authentication method, e.g. <c>password</c> (see <see cref="AuthenticationMethods"/>).</summary>
    public required string Method { get; init; }

    public required DateTimeOffset At { get; init; }

    public Guid? DeviceId { get; init; }
}
