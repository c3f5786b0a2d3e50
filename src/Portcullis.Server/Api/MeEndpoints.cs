using Portcullis.Core.Accounts;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api;

/// <summary>The signed-in user: profile, accounts and password.</summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me", async (HttpContext http, AccountService accounts, CancellationToken cancellationToken) =>
            {
                // A request signed with an API key has no session: the answer then has none either.
                var key = http.CurrentApiKey();
                var current = key is null ? http.CurrentSession() : null;
                var user = key?.User ?? current!.User;
                var memberships = await accounts.ListForUserAsync(user.Id, cancellationToken);
                return TypedResults.Ok(new MeResponse(
                    UserView.From(user),
                    current is null ? null : SessionView.From(current.Session, current.Session.Id),
                    memberships.Select(m => new AccountView(m.Account.Id, m.Account.Number, m.Account.Name, m.Account.LegalEntity,
                        m.Account.Jurisdiction, m.Role)).ToList()));
            })
            .WithName("GetMe")
            .RequireOperation(Operations.ProfileRead)
            .WithSummary("The signed-in user, this session (none for an API key) and the user's trading accounts")
            .AllowApiKey()
            .AllowDuringPasswordChange();

        authenticated.MapPost("/me/password", async (ChangePasswordBody? body, HttpContext http, UserService users,
                SessionService sessions, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors()
                    .Required("current_password", body?.CurrentPassword)
                    .Required("new_password", body?.NewPassword);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var current = http.CurrentSession();
                var result = await users.ChangePasswordAsync(current, body!.CurrentPassword, body.NewPassword, http.ClientIp(), cancellationToken);
                return await TokenResults.RotatedAsync(http, sessions, current, result, cancellationToken);
            })
            .WithName("ChangePassword")
            .RequireOperation(Operations.PasswordChange)
            .WithSummary("Change the password; every other session is revoked and this one gets a new token")
            .Accepts<ChangePasswordBody>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AllowDuringPasswordChange();
    }
}
