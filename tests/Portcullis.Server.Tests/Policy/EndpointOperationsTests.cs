using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Server.Policy;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Policy;

/// <summary>Every mapped endpoint names its operation, or says why it performs none.</summary>
public sealed class EndpointOperationsTests : IAsyncLifetime
{
    private TestGate _gate = null!;

    public async Task InitializeAsync() => _gate = await TestGate.StartAsync();

    public async Task DisposeAsync() => await _gate.DisposeAsync();

    [Fact]
    public void EveryEndpoint_HasAnOperationOrAReason()
    {
        var endpoints = _gate.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var missing = endpoints
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<OperationMetadata>() is null && e.Metadata.GetMetadata<OutsidePolicy>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .ToList();

        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found: the walk is not seeing the API");
        Assert.True(missing.Count == 0, "endpoints without an operation:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EndpointsOutsidePolicy_AreOnlySignInDeviceProtocolHealthTheFreezeLinkAndThePortal()
    {
        // Portal pages ask the policy inside their handlers (docs/portal.md), so their endpoints are outside the filter.
        var outside = _gate.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<OutsidePolicy>() is not null && e.Metadata.GetMetadata<Portal.PortalPage>() is null)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();

        Assert.All(outside, path => Assert.True(
            path.StartsWith("/api/v1/sign-in", StringComparison.Ordinal) || path.StartsWith("/api/v1/authenticators", StringComparison.Ordinal) ||
            path.StartsWith("/health/", StringComparison.Ordinal) || path.StartsWith("/wasnt-me/", StringComparison.Ordinal),
            $"{path} is outside the policy"));
    }
}
