using Portcullis.Core.Results;

namespace Portcullis.Core.Holds;

/// <summary>Stable error codes of held operations.</summary>
public static class HeldOperationErrors
{
    public const string NotFoundCode = "operation.not_found";
    public const string NotPendingCode = "operation.not_pending";
    public const string TooManyPendingCode = "operation.too_many_pending";

    /// <summary>Nobody can approve it: the user has no active authenticator, or no executor runs the operation.</summary>
    public const string NoApproverCode = "operation.no_approver";

    public static Error NotFound() => new(NotFoundCode, "No such held operation.");

    public static Error NotPending() => new(NotPendingCode, "The operation is no longer waiting for an approval.");

    public static Error TooManyPending(int max) =>
        new(TooManyPendingCode, $"You already have {max} operations waiting for approval: approve, deny or cancel one first.");

    public static Error NoApprover() => new(NoApproverCode, "This operation needs an approval on an authenticator device, and none can be asked.");
}
