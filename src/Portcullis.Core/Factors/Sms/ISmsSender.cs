using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.Sms;

/// <summary>
/// Hands a text message to whatever delivers it (a gateway behind a webhook, or a file in development).
/// Implementations live in the host; they never throw for a delivery problem (they return a failure whose
/// <see cref="Error.Reason"/> says why, for the audit log) and never log the message, which holds a code.
/// </summary>
public interface ISmsSender
{
    /// <param name="e164">The recipient, in E.164 form (<c>+</c> and 8–15 digits).</param>
    /// <param name="message">The text, a code included.</param>
    Task<Result> SendAsync(string e164, string message, CancellationToken cancellationToken);
}
