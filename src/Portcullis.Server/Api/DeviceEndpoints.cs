using Portcullis.Core.Devices;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api;

/// <summary>The device registry: every browser, client, authenticator and security key the user has used.</summary>
internal static class DeviceEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/devices", async (HttpContext http, DeviceService devices, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var list = await devices.ListAsync(current.User.Id, cancellationToken);
                return TypedResults.Ok(list.Select(d => DeviceDetailView.From(d, current.Session.DeviceId)).ToList());
            })
            .WithName("ListDevices")
            .RequireOperation(Operations.DeviceRead)
            .WithSummary("Every device of the user: kind, trust, first and last seen, sessions and factors bound to it");

        authenticated.MapPatch("/devices/{id:guid}", async (Guid id, NameBody? body, HttpContext http, DeviceService devices,
                CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var result = await devices.RenameAsync(current, id, body?.Name, http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                var list = await devices.ListAsync(current.User.Id, cancellationToken);
                return TypedResults.Ok(DeviceDetailView.From(list.Single(d => d.Device.Id == id), current.Session.DeviceId));
            })
            .WithName("RenameDevice")
            .RequireOperation(Operations.DeviceRename)
            .WithSummary("Rename a device")
            .Accepts<NameBody>("application/json");

        authenticated.MapDelete("/devices/{id:guid}", async (Guid id, HttpContext http, DeviceService devices, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var result = await devices.RevokeAsync(current, id, http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                if (id == current.Session.DeviceId)
                {
                    SessionCookies.ClearSession(http.Response);
                }

                var r = result.Value;
                return TypedResults.Ok(new { revoked = true, sessions_revoked = r.SessionsRevoked, challenges_cancelled = r.ChallengesCancelled, factors_removed = r.FactorsRemoved });
            })
            .WithName("RevokeDevice")
            .RequireOperation(Operations.DeviceRevoke)
            .WithSummary("Revoke a device: its sessions end, pending approvals are cancelled, its push key and security-key credential are removed")
            .AllowDuringFactorEnrollment();
    }
}
