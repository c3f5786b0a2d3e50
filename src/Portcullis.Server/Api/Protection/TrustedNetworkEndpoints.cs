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
            .RequireHoldableOperation(Operations.NetworkTrust, HoldNetwork)
            .WithSummary("Trust a network: an IPv4 or IPv6 address or CIDR range (normalised), with a label; may be held for approval (202)")
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

    /// <summary>
    /// A held <c>network.trust</c>: the range is normalised first, so the approver sees exactly the network that will be
    /// trusted; the label (free text of the requester's choosing) is stored with it but not shown in the summary.
    /// </summary>
    private static HoldPayload HoldNetwork(EndpointFilterInvocationContext context)
    {
        var body = context.Arguments.OfType<TrustedNetworkBody>().FirstOrDefault();
        var errors = new FieldErrors().Required("cidr", body?.Cidr).Required("label", body?.Label);
        if (errors.Any)
        {
            return HoldPayload.Invalid(errors.All);
        }

        var parsed = NetworkRanges.Parse(body!.Cidr);
        if (!parsed.IsSuccess)
        {
            return HoldPayload.Invalid(errors.Add("cidr", parsed.Error.Message).All);
        }

        var cidr = NetworkRanges.Format(parsed.Value);
        return HoldPayload.Of(new { cidr, label = body.Label }, $"Trust the network {cidr} for your account");
    }
}
