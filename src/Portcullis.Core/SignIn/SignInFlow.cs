using Portcullis.Core.Factors;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.SignIn;

/// <summary>
/// A sign-in between its password step and its second factor (or a step-up within a session). The client
/// holds a random handle (<c>pcf_…</c>); only its hash is stored, so nobody else can resume the flow. See
/// <c>SignIn/README.md</c> for the states.
/// </summary>
public sealed class SignInFlow
{
    public required Guid Id { get; init; }

    public required byte[] HandleHash { get; init; }

    public required Guid UserId { get; init; }

    public required SignInFlowPurpose Purpose { get; init; }

    /// <summary>For a step-up: the session that the proof will be added to.</summary>
    public Guid? SessionId { get; init; }

    public SignInFlowState State { get; set; } = SignInFlowState.AwaitingSecondFactor;

    public required SessionClient Client { get; init; }

    /// <summary>The recognised device the password came from, if any.</summary>
    public Guid? DeviceId { get; init; }

    public string? DeviceName { get; init; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>When the password (first factor) was verified.</summary>
    public required DateTimeOffset PasswordAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The whole flow's deadline; every step checks it.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Failed second-factor attempts in this flow; too many end it.</summary>
    public int Failures { get; set; }

    /// <summary>The factor kind of the challenge now outstanding (WebAuthn options, a push, an SMS code).</summary>
    public FactorKind? ChallengeKind { get; set; }

    /// <summary>Challenge material: WebAuthn options JSON, a push challenge id, or an SMS code's hash.</summary>
    public string? ChallengeData { get; set; }

    public DateTimeOffset? ChallengeExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => State == SignInFlowState.AwaitingSecondFactor && now < ExpiresAt;
}
