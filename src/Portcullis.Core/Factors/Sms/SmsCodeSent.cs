namespace Portcullis.Core.Factors.Sms;

/// <summary>A code was sent to <paramref name="Factor"/>'s phone and is valid until <paramref name="ExpiresAt"/>.</summary>
public sealed record SmsCodeSent(Factor Factor, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"SmsCodeSent {{ Factor = {Factor.Id}, ExpiresAt = {ExpiresAt:O} }}";
}
