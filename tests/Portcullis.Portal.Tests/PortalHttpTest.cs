using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// A class of portal tests over plain HTTP: a fresh gate per test (<see cref="PortalGate"/>) and a client that neither keeps
/// cookies nor follows redirects, so each test sets the cookies it means and sees every redirect.
/// </summary>
public abstract class PortalHttpTest : IAsyncLifetime
{
    protected TestGate Gate { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gate = await PortalGate.StartAsync();
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Gate.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gate.DisposeAsync();
    }
}
