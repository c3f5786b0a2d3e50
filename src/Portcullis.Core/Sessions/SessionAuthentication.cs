using Portcullis.Core.Factors;

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

    /// <summary>The second factor used, when it was one.</summary>
    public Guid? FactorId { get; init; }

    /// <summary>The class of that factor; <c>null</c> for the password.</summary>
    public FactorClass? Class { get; init; }

    /// <summary>For WebAuthn: the key cannot leave its device (not a synced passkey).</summary>
    public bool DeviceBound { get; init; }
}
