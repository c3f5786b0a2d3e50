using System.Net;
using Portcullis.Core.Sessions;

namespace Portcullis.Server.Auth;

public static class HttpContextSessionExtensions
{
    /// <summary>The session the <see cref="SessionFilter"/> authenticated for this request.</summary>
    public static SessionContext CurrentSession(this HttpContext context) =>
        context.Features.Get<SessionContext>() ?? throw new InvalidOperationException("This endpoint is not behind the session filter.");

    /// <summary>The client address (the TCP peer, or the forwarded address from a trusted proxy).</summary>
    public static IPAddress? ClientIp(this HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        return ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip;
    }

    /// <summary>
    /// Puts endpoints behind the session filter and then the policy filter: each must name its operation
    /// (<c>RequireOperation</c>, see <see cref="Policy.OperationEndpointExtensions"/>).
    /// </summary>
    public static RouteGroupBuilder RequireSession(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<SessionFilter>();
        group.AddEndpointFilter<Policy.PolicyFilter>();
        return group;
    }

    /// <summary>The API key request the session filter authenticated by its signature, or <c>null</c> for a session's request.</summary>
    public static ApiKeys.ApiKeyRequest? CurrentApiKey(this HttpContext context) => context.Features.Get<ApiKeys.ApiKeyRequest>();

    /// <summary>Who is acting: the API key's owner for a signed request, else the session's user.</summary>
    public static Core.Users.User CurrentUser(this HttpContext context) => context.CurrentApiKey()?.User ?? context.CurrentSession().User;

    /// <summary>The audit actor for this request: <c>apikey:pk_…</c> for a signed request, else the user.</summary>
    public static string CurrentActor(this HttpContext context) =>
        context.CurrentApiKey() is { } key ? Core.Audit.Actors.ApiKey(key.Key.KeyId) : Core.Audit.Actors.User(context.CurrentSession().User.Id);

    /// <summary>The endpoint also serves requests signed with an API key: its handler must not need a session (docs/api-keys.md).</summary>
    public static TBuilder AllowApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ApiKeys.AllowApiKey());
        return builder;
    }

    public static TBuilder AllowDuringPasswordChange<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AllowDuringPasswordChange());
        return builder;
    }

    public static TBuilder AllowDuringFactorEnrollment<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AllowDuringFactorEnrollment());
        return builder;
    }
}
