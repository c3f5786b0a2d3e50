using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Passwords;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;

namespace Portcullis.Server.Http;

/// <summary>
/// The one place where stable error codes meet HTTP: each code's status and title. Codes not listed are
/// client errors (400). <c>docs/errors.md</c> lists them for API users.
/// </summary>
public static class ProblemCatalog
{
    public const string RequestInvalid = "request.invalid";
    public const string RequestMalformedJson = "request.malformed_json";
    public const string RequestTooLarge = "request.too_large";
    public const string RequestUnsupportedMediaType = "request.unsupported_media_type";
    public const string RequestNotFound = "request.not_found";
    public const string RequestMethodNotAllowed = "request.method_not_allowed";
    public const string RequestCrossSite = "request.cross_site";
    public const string AuthRequired = "auth.required";
    public const string ServerError = "server.error";
    public const string ServerNotReady = "server.not_ready";

    private const string SignatureRefused = "Signature not accepted";

    private static readonly Dictionary<string, (int Status, string Title)> Entries = new(StringComparer.Ordinal)
    {
        [RequestInvalid] = (StatusCodes.Status400BadRequest, "The request is invalid"),
        [RequestMalformedJson] = (StatusCodes.Status400BadRequest, "The request body is not valid JSON"),
        [RequestTooLarge] = (StatusCodes.Status413PayloadTooLarge, "The request body is too large"),
        [RequestUnsupportedMediaType] = (StatusCodes.Status415UnsupportedMediaType, "The request body must be application/json"),
        [RequestNotFound] = (StatusCodes.Status404NotFound, "No such resource"),
        [RequestMethodNotAllowed] = (StatusCodes.Status405MethodNotAllowed, "Method not allowed"),
        [RequestCrossSite] = (StatusCodes.Status403Forbidden, "Cross-site request refused"),
        [AuthRequired] = (StatusCodes.Status401Unauthorized, "Authentication required"),
        [Policy.PolicyResults.StepUpRequiredCode] = (StatusCodes.Status401Unauthorized, "Step-up authentication required"),
        ["policy.frozen"] = (StatusCodes.Status403Forbidden, "Frozen"),
        ["policy.settings_locked"] = (StatusCodes.Status403Forbidden, "Settings locked"),
        ["policy.cooldown_active"] = (StatusCodes.Status403Forbidden, "Cool-down after a security change"),
        ["policy.network_not_trusted"] = (StatusCodes.Status403Forbidden, "Network not trusted"),
        ["policy.device_not_trusted"] = (StatusCodes.Status403Forbidden, "Device not trusted"),
        ["policy.remembered_session"] = (StatusCodes.Status403Forbidden, "Full sign-in required"),
        ["policy.session_too_old"] = (StatusCodes.Status403Forbidden, "Session too old"),
        ["policy.initiator_not_allowed"] = (StatusCodes.Status403Forbidden, "A person must do this"),
        ["policy.approval_unavailable"] = (StatusCodes.Status403Forbidden, "Approval unavailable"),
        ["policy.default_deny"] = (StatusCodes.Status403Forbidden, "Not allowed by policy"),
        [ServerError] = (StatusCodes.Status500InternalServerError, "Internal error"),
        [ServerNotReady] = (StatusCodes.Status503ServiceUnavailable, "Not ready"),
        [SignInErrors.FailedCode] = (StatusCodes.Status401Unauthorized, "Sign-in failed"),
        [SignInErrors.ThrottledCode] = (StatusCodes.Status429TooManyRequests, "Too many attempts"),
        [SignInErrors.LockedCode] = (StatusCodes.Status429TooManyRequests, "Password sign-in stopped"),
        [SignInErrors.BusyCode] = (StatusCodes.Status429TooManyRequests, "Busy"),
        [SessionErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such session"),
        [SessionErrors.PasswordChangeRequiredCode] = (StatusCodes.Status403Forbidden, "Password change required"),
        [PasswordErrors.TooShortCode] = (StatusCodes.Status422UnprocessableEntity, "Password too short"),
        [PasswordErrors.TooLongCode] = (StatusCodes.Status422UnprocessableEntity, "Password too long"),
        [PasswordErrors.BlocklistedCode] = (StatusCodes.Status422UnprocessableEntity, "Password too common"),
        [PasswordErrors.ContextSpecificCode] = (StatusCodes.Status422UnprocessableEntity, "Password contains context words"),
        [PasswordErrors.RepetitiveCode] = (StatusCodes.Status422UnprocessableEntity, "Password is a pattern"),
        [PasswordErrors.CurrentPasswordWrongCode] = (StatusCodes.Status403Forbidden, "Current password incorrect"),
        [PasswordErrors.ReusedCode] = (StatusCodes.Status422UnprocessableEntity, "Password unchanged"),
        [FactorErrors.FlowInvalidCode] = (StatusCodes.Status401Unauthorized, "Sign-in flow expired or unknown"),
        [FactorErrors.FlowFailedCode] = (StatusCodes.Status401Unauthorized, "Sign-in flow failed"),
        [FactorErrors.InvalidCode] = (StatusCodes.Status401Unauthorized, "Second factor not accepted"),
        [FactorErrors.NotAvailableCode] = (StatusCodes.Status400BadRequest, "Second factor not available"),
        [FactorErrors.ThrottledCode] = (StatusCodes.Status429TooManyRequests, "Too many second-factor attempts"),
        [FactorErrors.LastStrongFactorCode] = (StatusCodes.Status409Conflict, "Last strong factor"),
        [FactorErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such factor"),
        [FactorErrors.DisabledCode] = (StatusCodes.Status403Forbidden, "Factor kind disabled"),
        [Portcullis.Core.Notifications.Delivery.DeliveryErrors.ForbiddenCode] = (StatusCodes.Status403Forbidden, "Operators only"),
        [Portcullis.Core.Notifications.Delivery.DeliveryErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such delivery"),
        [Portcullis.Core.Notifications.Delivery.DeliveryErrors.NotDeadCode] = (StatusCodes.Status409Conflict, "Delivery not dead-lettered"),
        [FactorErrors.ChallengePendingCode] = (StatusCodes.Status429TooManyRequests, "Too many pending approvals"),
        [FactorErrors.EnrollmentInvalidCode] = (StatusCodes.Status400BadRequest, "Enrolment not accepted"),
        [FactorErrors.EnrollmentRequiredCode] = (StatusCodes.Status403Forbidden, "New factor required"),
        [DeviceErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such device"),
        // WebAuthn codes (add below this line)
        [Core.Factors.WebAuthn.WebAuthnErrors.AttestationRequiredCode] = (StatusCodes.Status403Forbidden, "Attested authenticator required"),
        [Core.Factors.WebAuthn.WebAuthnErrors.AuthenticatorNotAllowedCode] = (StatusCodes.Status403Forbidden, "Authenticator model not allowed"),
        [Core.Factors.WebAuthn.WebAuthnErrors.CredentialExistsCode] = (StatusCodes.Status409Conflict, "Credential already registered"),
        // Push and authenticator codes (add below this line)
        [Core.Factors.Push.PushErrors.PendingCode] = (StatusCodes.Status409Conflict, "Push not answered yet"),
        [Core.Factors.Push.PushErrors.DeniedCode] = (StatusCodes.Status403Forbidden, "Push denied"),
        [Core.Factors.Push.PushErrors.ExpiredCode] = (StatusCodes.Status410Gone, "Push expired"),
        [Core.Factors.Push.PushErrors.FailedCode] = (StatusCodes.Status401Unauthorized, "Push not accepted"),
        [Core.Factors.Push.PushErrors.CancelledCode] = (StatusCodes.Status410Gone, "Push cancelled"),
        [Core.Factors.Push.PushErrors.NotSentCode] = (StatusCodes.Status409Conflict, "No push sent"),
        [Core.Factors.Push.PushErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such push"),
        [Core.Factors.Push.PushErrors.AlreadyAnsweredCode] = (StatusCodes.Status409Conflict, "Push already answered"),
        [Core.Factors.Push.PushErrors.WrongNumberCode] = (StatusCodes.Status422UnprocessableEntity, "Wrong number"),
        [Core.Factors.Push.PushErrors.SignatureInvalidCode] = (StatusCodes.Status422UnprocessableEntity, "Answer signature invalid"),
        [Core.Factors.Push.AuthenticatorErrors.UnauthorizedCode] = (StatusCodes.Status401Unauthorized, "Device signature required"),
        [Core.Factors.Push.AuthenticatorErrors.ClockSkewCode] = (StatusCodes.Status401Unauthorized, "Device clock out of range"),
        [Core.Factors.Push.AuthenticatorErrors.RevokedCode] = (StatusCodes.Status403Forbidden, "Authenticator revoked"),
        // SMS and recovery-code codes (add below this line)
        [Core.Factors.Sms.SmsErrors.SendLimitCode] = (StatusCodes.Status429TooManyRequests, "Too many codes sent"),
        [Core.Factors.Sms.SmsErrors.DeliveryFailedCode] = (StatusCodes.Status503ServiceUnavailable, "Code could not be sent"),
        [Core.Factors.RecoveryCodes.RecoveryCodeErrors.StrongFactorRequiredCode] = (StatusCodes.Status409Conflict, "Strong factor required"),
        [Core.Factors.RecoveryCodes.RecoveryCodeErrors.AlreadyIssuedCode] = (StatusCodes.Status409Conflict, "Recovery codes already issued"),
        [UserErrors.InvalidUsernameCode] = (StatusCodes.Status422UnprocessableEntity, "Invalid username"),
        [UserErrors.InvalidDisplayNameCode] = (StatusCodes.Status422UnprocessableEntity, "Invalid display name"),
        [UserErrors.ExistsCode] = (StatusCodes.Status409Conflict, "User exists"),
        [UserErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such user"),
        // Activity-report codes (add below this line)
        [Core.Notifications.Reports.ReportErrors.InvalidPeriodCode] = (StatusCodes.Status400BadRequest, "Invalid report period"),
        [Core.Notifications.Reports.ReportErrors.InvalidEndCode] = (StatusCodes.Status400BadRequest, "Invalid report end"),
        [Core.Notifications.Reports.ReportErrors.InvalidFormatCode] = (StatusCodes.Status400BadRequest, "Invalid report format"),
        [Core.Notifications.Reports.ReportErrors.InvalidFrequencyCode] = (StatusCodes.Status400BadRequest, "Invalid report frequency"),
        // Notifications: email and the "this wasn't me" link (add below this line)
        [Core.Notifications.FreezeLinkErrors.InvalidCode] = (StatusCodes.Status410Gone, "Link expired or already used"),
        // Notification settings and feed codes (add below this line)
        [Core.Notifications.NotificationErrors.ContactInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid notification address"),
        [Core.Notifications.NotificationErrors.ContactExistsCode] = (StatusCodes.Status409Conflict, "Notification address exists"),
        [Core.Notifications.NotificationErrors.ContactLimitCode] = (StatusCodes.Status409Conflict, "Too many notification addresses"),
        [Core.Notifications.NotificationErrors.LastContactCode] = (StatusCodes.Status409Conflict, "Last address for security alerts"),
        [Core.Notifications.NotificationErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such notification item"),
        [Core.Notifications.NotificationErrors.PreferenceLockedCode] = (StatusCodes.Status409Conflict, "Security alerts must stay reachable"),
        [Core.Notifications.NotificationErrors.TypeUnknownCode] = (StatusCodes.Status400BadRequest, "Unknown notification type"),
        [Core.Notifications.NotificationErrors.ChannelUnknownCode] = (StatusCodes.Status400BadRequest, "Unknown notification channel"),
        [Core.Notifications.NotificationErrors.PhraseInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid anti-phishing phrase"),
        [Core.Notifications.NotificationErrors.WebhookInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid webhook endpoint"),
        [Core.Notifications.NotificationErrors.WebhookLimitCode] = (StatusCodes.Status409Conflict, "Too many webhook endpoints"),
        // Protection: freezes, settings lock, trusted networks (add below this line)
        [Core.Protection.ProtectionErrors.CapabilityInvalidCode] = (StatusCodes.Status400BadRequest, "Unknown capability"),
        [Core.Protection.ProtectionErrors.ReasonInvalidCode] = (StatusCodes.Status400BadRequest, "Reason too long"),
        [Core.Protection.ProtectionErrors.FreezeNotFoundCode] = (StatusCodes.Status404NotFound, "No such freeze"),
        [Core.Protection.ProtectionErrors.FreezeLiftedCode] = (StatusCodes.Status409Conflict, "Freeze already lifted"),
        [Core.Protection.ProtectionErrors.UnlockDelayInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid unlock delay"),
        [Core.Protection.ProtectionErrors.UnlockDelayShorterCode] = (StatusCodes.Status409Conflict, "Unlock delay cannot be shortened"),
        [Core.Protection.ProtectionErrors.SettingsLockOffCode] = (StatusCodes.Status409Conflict, "Settings lock is off"),
        [Core.Protection.ProtectionErrors.UnlockNotRequestedCode] = (StatusCodes.Status409Conflict, "No unlock pending"),
        [Core.Protection.ProtectionErrors.NetworkInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid network"),
        [Core.Protection.ProtectionErrors.NetworkTooBroadCode] = (StatusCodes.Status400BadRequest, "Network too broad"),
        [Core.Protection.ProtectionErrors.NetworkLabelInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid network label"),
        [Core.Protection.ProtectionErrors.NetworkExistsCode] = (StatusCodes.Status409Conflict, "Network already trusted"),
        [Core.Protection.ProtectionErrors.NetworkLimitCode] = (StatusCodes.Status409Conflict, "Too many trusted networks"),
        [Core.Protection.ProtectionErrors.NetworkNotFoundCode] = (StatusCodes.Status404NotFound, "No such trusted network"),
        [Core.Protection.ProtectionErrors.OperatorOnlyCode] = (StatusCodes.Status403Forbidden, "Operators only"),
        // Held operations (add below this line)
        [Core.Holds.HeldOperationErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such held operation"),
        [Core.Holds.HeldOperationErrors.NotPendingCode] = (StatusCodes.Status409Conflict, "Operation no longer pending"),
        [Core.Holds.HeldOperationErrors.TooManyPendingCode] = (StatusCodes.Status429TooManyRequests, "Too many operations waiting for approval"),

        // API keys
        [Core.ApiKeys.ApiKeyErrors.InvalidCode] = (StatusCodes.Status400BadRequest, "Invalid API key request"),
        [Core.ApiKeys.ApiKeyErrors.PublicKeyInvalidCode] = (StatusCodes.Status400BadRequest, "Invalid public key"),
        [Core.ApiKeys.ApiKeyErrors.NotFoundCode] = (StatusCodes.Status404NotFound, "No such API key"),
        [Core.ApiKeys.ApiKeyErrors.RevokedCode] = (StatusCodes.Status409Conflict, "API key revoked or expired"),
        [Core.ApiKeys.ApiKeyErrors.AlreadyRotatedCode] = (StatusCodes.Status409Conflict, "API key already rotated"),
        [Core.ApiKeys.ApiKeyErrors.LimitCode] = (StatusCodes.Status409Conflict, "Too many API keys"),

        // Signed requests (RFC 9421): one title for every signature failure, so the answer never says which part failed
        [HttpSignatures.HttpSignatureErrors.Missing] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.Malformed] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.LabelUnknown] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.DuplicateLabel] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.ComponentMissing] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.ComponentInvalid] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.ComponentUnsupported] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.AlgMismatch] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.KeyUnknown] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.Invalid] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.Expired] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.CreatedInFuture] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.CreatedTooOld] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.DigestMismatch] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.RequiredComponentMissing] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [HttpSignatures.HttpSignatureErrors.RequiredParameterMissing] = (StatusCodes.Status401Unauthorized, SignatureRefused),
        [Core.ApiKeys.ApiKeyRequestErrors.ReplayedNonceCode] = (StatusCodes.Status401Unauthorized, "Signed request replayed"),
        [Core.ApiKeys.ApiKeyRequestErrors.KeyRevokedCode] = (StatusCodes.Status401Unauthorized, "API key revoked"),
        [Core.ApiKeys.ApiKeyRequestErrors.KeyExpiredCode] = (StatusCodes.Status401Unauthorized, "API key expired"),
        [Core.ApiKeys.ApiKeyRequestErrors.IpNotAllowedCode] = (StatusCodes.Status403Forbidden, "Address not allowed for this API key"),
        [Core.ApiKeys.ApiKeyRequestErrors.PermissionDeniedCode] = (StatusCodes.Status403Forbidden, "API key lacks the permission"),
        [Core.ApiKeys.ApiKeyRequestErrors.OutOfScopeCode] = (StatusCodes.Status403Forbidden, "Outside the API key's scopes"),
        [Core.ApiKeys.ApiKeyRequestErrors.LimitExceededCode] = (StatusCodes.Status403Forbidden, "API key limit exceeded"),
        [Core.ApiKeys.ApiKeyRequestErrors.OperationNotAllowedCode] = (StatusCodes.Status403Forbidden, "Not available to API keys"),
        [Core.ApiKeys.ApiKeyRequestErrors.SessionKeyExpiredCode] = (StatusCodes.Status401Unauthorized, "Session key expired"),
        [Core.ApiKeys.ApiKeyRequestErrors.SessionKeyNotAllowedCode] = (StatusCodes.Status403Forbidden, "Session key not issued to this request"),
    };

    public static IEnumerable<string> Codes => Entries.Keys.Concat(Api.Trading.LedgerProblems.Entries.Keys);

    public static (int Status, string Title) Lookup(string code) =>
        Entries.TryGetValue(code, out var entry) ? entry
        : Api.Trading.LedgerProblems.Entries.TryGetValue(code, out var ledger) ? ledger
        : code.StartsWith("policy.", StringComparison.Ordinal) ? (StatusCodes.Status403Forbidden, "Refused by the account's policy") // a rule's own reason
        : (StatusCodes.Status400BadRequest, "The request cannot be processed");

    /// <summary>The problem type URI for a code.</summary>
    public static string TypeFor(string code) => $"urn:portcullis:problem:{code}";
}
