using System.Collections.Concurrent;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Results;

namespace Portcullis.Server.Tests.Notifications;

/// <summary>An SMS gateway (outside the machine in production) that fails a set number of times, then accepts.</summary>
internal sealed class ScriptedSmsGateway : ISmsSender
{
    private int _failuresLeft;

    public ConcurrentQueue<(string To, string Text)> Accepted { get; } = new();

    public int Calls;

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public Task<Result> SendAsync(string e164, string message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Task.FromResult(Result.Fail(new Error("sms.gateway_unavailable", "The gateway is unavailable") { Reason = "gateway_503" }));
        }

        Accepted.Enqueue((e164, message));
        return Task.FromResult(Result.Success());
    }
}
