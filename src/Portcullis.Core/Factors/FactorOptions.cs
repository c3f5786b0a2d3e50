namespace Portcullis.Core.Factors;

/// <summary>Second-factor settings (configuration section <c>Factors</c>).</summary>
public sealed class FactorOptions
{
    public const string Section = "Factors";

    /// <summary>How long a sign-in may wait between the password and the second factor. Default 5 minutes.</summary>
    public TimeSpan FlowLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed second-factor attempts that end a flow (the password must be given again). Default 5.</summary>
    public int MaxFlowFailures { get; set; } = 5;

    public TotpOptions Totp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public PushOptions Push { get; set; } = new();

    public WebAuthnOptions WebAuthn { get; set; } = new();
}
