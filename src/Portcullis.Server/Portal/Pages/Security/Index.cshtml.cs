using Microsoft.AspNetCore.Mvc;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>The security section's front page: the security checkup and a map of the section.</summary>
public sealed class IndexModel : PortalPageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ShowSignedIn(current, "security", "checkup");
        return Page();
    }
}
