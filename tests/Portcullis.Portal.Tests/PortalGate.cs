using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// A <see cref="TestGate"/> listening on <c>http://localhost:PORT</c>, the origin a browser uses for WebAuthn (an IP address
/// cannot be a relying party id) and for <c>__Host-</c> Secure cookies over plain HTTP; the WebAuthn origin is derived from it.
/// </summary>
internal static class PortalGate
{
    public static async Task<TestGate> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                return await TestGate.StartAsync(new Dictionary<string, string?>
                {
                    ["Server:Urls"] = $"http://localhost:{port}",
                    ["SignIn:Network:FreeAttempts"] = "1000",
                });
            }
            catch (IOException) when (attempt < 5)
            {
                // Another process took the port between choosing and binding it: choose again.
            }
        }
    }

    // portal-ops: a portal gate with more settings (e.g. SMS enabled).
    /// <summary>As <see cref="StartAsync()"/>, with <paramref name="settings"/> added to the configuration.</summary>
    public static async Task<TestGate> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var all = new Dictionary<string, string?>(settings)
            {
                ["Server:Urls"] = $"http://localhost:{FreePort()}",
                ["SignIn:Network:FreeAttempts"] = "1000",
            };
            try
            {
                return await TestGate.StartAsync(all);
            }
            catch (IOException) when (attempt < 5)
            {
                // Another process took the port between choosing and binding it: choose again.
            }
        }
    }

    /// <summary>Opens a trading account for <paramref name="userId"/> with <paramref name="usd"/> dollars in it.</summary>
    public static async Task<Account> OpenFundedAccountAsync(this TestGate gate, Guid userId, string name, decimal usd)
    {
        var opened = await gate.Services.GetRequiredService<AccountService>().OpenAsync(userId, name, "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        Assert.True(opened.IsSuccess);
        await gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        var deposit = await gate.Services.GetRequiredService<IBrokerageBackend>().DepositAsync(opened.Value.Id, "USD", usd, "seed", CancellationToken.None);
        Assert.True(deposit.IsSuccess);
        return opened.Value;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
