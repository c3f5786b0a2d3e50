using Portcullis.Core.Policy;

namespace Portcullis.Server.Policy;

/// <summary>
/// The use of a policy cap that a request reserved when the policy allowed it (<see cref="PolicyGate.DecideAsync"/>), kept
/// in the request's <see cref="HttpContext"/> while the operation runs. Whatever learns that the operation did no new work
/// (it was refused or failed, or it repeated an earlier request) gives the use back, once, so that it does not use up the
/// user's allowance. A crash in between leaves the use counted: the cap errs on the side of refusing.
/// </summary>
internal static class CapReservation
{
    private static readonly object Key = new();

    /// <summary>Keeps <paramref name="reservation"/> (if any) until the request gives it back or ends.</summary>
    public static void Keep(HttpContext http, Guid? reservation)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (reservation is { } use)
        {
            http.Items[Key] = use;
        }
    }

    /// <summary>Gives back the request's reserved use, if it still holds one.</summary>
    public static async Task GiveBackAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.Remove(Key, out var held) && held is Guid use)
        {
            await http.RequestServices.GetRequiredService<PolicyGate>().ReleaseAsync(use);
        }
    }
}
