using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Portcullis.Portal.Tests;

/// <summary>
/// Every request the pages of a browser context make (documents, assets, scripts' fetches), recorded from the moment
/// <see cref="Record"/> is called, so that a test can assert that a page loads nothing from anywhere but the gate.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<string> _urls = new();

    private RequestLog()
    {
    }

    /// <summary>Every URL requested so far, in order.</summary>
    public IReadOnlyList<string> Urls => [.. _urls];

    /// <summary>Starts recording the requests of every page in <paramref name="context"/>.</summary>
    public static RequestLog Record(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = new RequestLog();
        context.Request += (_, request) => log._urls.Enqueue(request.Url);
        return log;
    }

    /// <summary>Asserts that requests were made and that every one went to <paramref name="gate"/>'s own origin.</summary>
    public void AssertAllLocal(Uri gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var origin = gate.GetLeftPart(UriPartial.Authority) + "/";
        var urls = Urls;
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
    }
}
