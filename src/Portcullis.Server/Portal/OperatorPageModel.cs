using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Server.Portal;

/// <summary>
/// An operator page: only users with <see cref="UserRole.Operator"/> see it; anyone else gets a 403 page in words (the
/// pages render <c>_OperatorOnly</c> when <see cref="NotOperator"/>), as the API's admin endpoints answer
/// <c>protection.operator_only</c>. Each action then asks the policy for its <c>operator.*</c> operation.
/// </summary>
public abstract class OperatorPageModel : PortalPageModel
{
    /// <summary>The signed-in user is not an operator: the page shows only the refusal.</summary>
    public bool NotOperator { get; private set; }

    /// <summary>What the policy or a service said, in words; shown as an alert.</summary>
    public string? Error { get; protected set; }

    /// <summary>What was done; shown as a status.</summary>
    public string? Notice { get; protected set; }

    /// <summary>
    /// The operator's session, or <c>null</c> with the refusal to return: to sign-in without a session, the 403
    /// page for anyone who is not an operator.
    /// </summary>
    protected async Task<(SessionContext? Current, IActionResult? Refusal)> OperatorAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return (null, ToSignIn());
        }

        ShowSignedIn(current, "operator");
        if (current.User.Role != UserRole.Operator)
        {
            NotOperator = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return (null, Page());
        }

        return (current, null);
    }
}
