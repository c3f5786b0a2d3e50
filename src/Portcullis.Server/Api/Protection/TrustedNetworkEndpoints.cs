using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Protection;

/// <summary>The user's trusted networks (CIDR ranges that tier rules may require).</summary>
internal static class TrustedNetworkEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/trusted-networks", async (HttpContext http, TrustedNetworkService networks, CancellationToken cancellationToken) =>
                TypedResults.Ok(new
                {
                    items = (await networks.ListAsync(http.CurrentSession().User.Id, cancellationToken)).Select(TrustedNetworkView.From).ToList(),
                }))
            .WithName("ListTrustedNetworks")
            .RequireOperation(Operations.NetworkRead)
            .WithSummary("The user's trusted networks, oldest first");

        authenticated.MapPost("/me/trusted-networks", async (TrustedNetworkBody? body, HttpContext http, TrustedNetworkService networks,
                CancellationToken cancellationToken) =>
            {
                var result = await networks.AddAsync(http.CurrentSession().User.Id, body?.Cidr, body?.Label, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Created($"/api/v1/me/trusted-networks/{result.Value.Id:D}", TrustedNetworkView.From(result.Value))
                    : Problems.From(result.Error);
            })
            .WithName("AddTrustedNetwork")
            .RequireOperation(Operations.NetworkTrust)
            .WithSummary("Trust a network: an IPv4 or IPv6 address or CIDR range (normalised), with a label")
            .Accepts<TrustedNetworkBody>("application/json")
            .Produces<TrustedNetworkView>(StatusCodes.Status201Created);

        authenticated.MapDelete("/me/trusted-networks/{id:guid}", async (Guid id, HttpContext http, TrustedNetworkService networks,
                CancellationToken cancellationToken) =>
            {
                var result = await networks.RemoveAsync(http.CurrentSession().User.Id, id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? Results.NoContent() : Problems.From(result.Error!);
            })
            .WithName("RemoveTrustedNetwork")
            .RequireOperation(Operations.NetworkUntrust)
            .WithSummary("Stop trusting a network")
            .Produces(StatusCodes.Status204NoContent);
    }
}
