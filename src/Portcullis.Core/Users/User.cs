namespace Portcullis.Core.Users;

/// <summary>A person who signs in: an account holder or an operator.</summary>
public sealed class User
{
    public required Guid Id { get; init; }

    /// <summary>The normalised username (see <see cref="Username"/>), unique.</summary>
    public required string Username { get; init; }

    public required string DisplayName { get; set; }

    public required UserRole Role { get; init; }

    public UserStatus Status { get; set; } = UserStatus.Active;

    /// <summary>The Argon2id hash of the password in PHC string format.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Set for one-time passwords handed out by an operator or the demo.</summary>
    public bool PasswordChangeRequired { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? PasswordChangedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The last one-time-password time step accepted for this user: each step is accepted once.</summary>
    public long? OtpLastStep { get; set; }

    /// <summary>A phrase the user chose, printed in every email from the gate so that they can tell a real one from phishing.</summary>
    public string? AntiPhishingPhrase { get; set; }

    public Notifications.ReportFrequency ReportFrequency { get; set; } = Notifications.ReportFrequency.Weekly;

    /// <summary>The end of the period the last emailed activity report covered.</summary>
    public DateTimeOffset? LastReportAt { get; set; }

    /// <summary>
    /// Changes whenever the user's protection state (freezes, settings lock, cool-downs, trusted networks) or account
    /// memberships change, in the same transaction: the store's triggers set it to a value never used before, whoever writes.
    /// The gate never writes it. <see cref="Protection.SecurityStateCache"/> keys what it keeps by it.
    /// </summary>
    public long SecurityVersion { get; init; }

    public bool IsActive => Status == UserStatus.Active;
}
