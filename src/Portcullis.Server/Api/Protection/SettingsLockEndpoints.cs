using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Protection;

/// <summary>The settings lock: turn it on, ask to turn it off (after the chosen delay), cancel that request.</summary>
internal static class SettingsLockEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/settings-lock", async (HttpContext http, SettingsLockService locks, TimeProvider time,
                CancellationToken cancellationToken) =>
                TypedResults.Ok(SettingsLockView.From(await locks.GetAsync(http.CurrentSession().User.Id, cancellationToken), time.GetUtcNow())))
            .WithName("GetSettingsLock")
            .RequireOperation(Operations.FreezeRead)
            .WithSummary("The settings lock: on or off, its unlock delay, a pending unlock");

        authenticated.MapPost("/me/settings-lock", async (SettingsLockBody? body, HttpContext http, SettingsLockService locks, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var result = await locks.EnableAsync(http.CurrentSession().User.Id, body?.UnlockDelayDays, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(SettingsLockView.From(result.Value, time.GetUtcNow())) : Problems.From(result.Error);
            })
            .WithName("EnableSettingsLock")
            .RequireOperation(Operations.SettingsLockSet)
            .WithSummary("Turn the settings lock on (unlock_delay_days 1–30); while on, the delay can only grow")
            .Accepts<SettingsLockBody>("application/json");

        authenticated.MapPost("/me/settings-lock/unlock", async (HttpContext http, SettingsLockService locks, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var result = await locks.RequestUnlockAsync(http.CurrentSession().User.Id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Json(SettingsLockView.From(result.Value, time.GetUtcNow()), JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted)
                    : Problems.From(result.Error);
            })
            .WithName("RequestSettingsUnlock")
            .RequireOperation(Operations.SettingsLockLift)
            .WithSummary("Ask to turn the settings lock off: effective after its delay; every attempt is announced on every channel")
            .Produces<SettingsLockView>(StatusCodes.Status202Accepted);

        authenticated.MapDelete("/me/settings-lock/unlock", async (HttpContext http, SettingsLockService locks, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var result = await locks.CancelUnlockAsync(http.CurrentSession().User.Id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(SettingsLockView.From(result.Value, time.GetUtcNow())) : Problems.From(result.Error);
            })
            .WithName("CancelSettingsUnlock")
            .RequireOperation(Operations.SettingsLockSet)
            .WithSummary("Cancel a pending unlock: the settings lock stays on");
    }
}
