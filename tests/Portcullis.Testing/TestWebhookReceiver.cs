using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portcullis.Testing;

/// <summary>
/// A real HTTP receiver for webhooks: Kestrel on 127.0.0.1 and a port of its own. It accepts any method on any path,
/// records each request (headers and raw body) and answers 204, or what <see cref="AnswerWith"/>,
/// <see cref="FailFirst"/> or <see cref="Enqueue"/> said. Verify signatures with <see cref="ReceivedWebhook.Verify"/>.
/// <code>
/// await using var receiver = await TestWebhookReceiver.StartAsync();
/// receiver.FailFirst(2);                              // 500, 500, then 204
/// ... add an endpoint with receiver.Url (needs Notifications:Webhooks:AllowPrivateNetworks=true) ...
/// var requests = await receiver.WaitForRequestsAsync(3, TimeSpan.FromSeconds(10));
/// requests[^1].Verify(secret);
/// </code>
/// </summary>
public sealed class TestWebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private readonly ConcurrentQueue<WebhookAnswer> _queued = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly WebApplication _app;
    private WebhookAnswer _default = WebhookAnswer.Ok;

    private TestWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A URL to give the gate: <c>http://127.0.0.1:port/hook</c>.</summary>
    public Uri Url => new(BaseAddress, "/hook");

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests => _requests.ToArray();

    public static async Task<TestWebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new TestWebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return receiver;
    }

    /// <summary>A URL on this receiver with another path (e.g. one per endpoint).</summary>
    public Uri UrlFor(string path) => new(BaseAddress, path);

    /// <summary>Answers every later request (not taken by <see cref="Enqueue"/>) with <paramref name="status"/> after <paramref name="delay"/>.</summary>
    public void AnswerWith(int status, TimeSpan delay = default) => _default = new WebhookAnswer(status, delay);

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/> (default 500), then as before.</summary>
    public void FailFirst(int count, int status = StatusCodes.Status500InternalServerError)
    {
        for (var i = 0; i < count; i++)
        {
            _queued.Enqueue(new WebhookAnswer(status));
        }
    }

    /// <summary>Answers the next requests with these answers, in order, then with the default.</summary>
    public void Enqueue(params WebhookAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _queued.Enqueue(answer);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (_requests.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} webhook requests within {timeout}, received {_requests.Count}.");
            }
        }

        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var answer = _queued.TryDequeue(out var next) ? next : _default;
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new ReceivedWebhook(http.Request.Method, http.Request.Path + http.Request.QueryString, headers, buffer.ToArray(), answer.Status));
        _arrived.Release();
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the sender gave up waiting
            }
        }

        http.Response.StatusCode = answer.Status;
    }
}
