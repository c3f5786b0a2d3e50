using System.Globalization;
using Portcullis.Server.Api.Authenticators;

namespace Portcullis.Cli.Authenticator;

/// <summary>
/// <c>authenticator run</c>: long-polls the gate for pushes, shows each one (who, from where, when, and the three
/// numbers), answers it by <see cref="AnswerPolicy"/>, and reports what the gate made of the answer.
/// </summary>
internal sealed class ChallengeLoop(DeviceClient client, CliConsole console, TextReader input, TimeProvider time)
{
    private const int LongPollSeconds = 25;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Runs until cancelled, or after one answer with <paramref name="once"/>, or when <paramref name="timeout"/> passes without a request.</summary>
    public async Task<int> RunAsync(AnswerPolicy policy, bool once, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var seen = new HashSet<Guid>();
        var backoff = TimeSpan.FromSeconds(1);
        var result = ExitCodes.Ok;
        try
        {
            while (true)
            {
                var remaining = timeout is { } limit ? limit - time.GetElapsedTime(started) : TimeSpan.MaxValue;
                if (remaining <= TimeSpan.Zero)
                {
                    console.Fail($"no sign-in request arrived within {timeout!.Value.TotalSeconds:0} s");
                    return ExitCodes.Failed;
                }

                var wait = (int)Math.Min(LongPollSeconds, Math.Ceiling(remaining.TotalSeconds));
                DeviceReply<PushChallengeList> reply;
                try
                {
                    reply = await client.ListAsync(wait, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    console.Fail($"cannot reach the gate ({ex.Message}); retrying in {backoff.TotalSeconds:0} s");
                    await Task.Delay(backoff, time, cancellationToken);
                    backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                    continue;
                }

                if (!reply.IsSuccess)
                {
                    if ((int)reply.Status >= 500 || (int)reply.Status == 429)
                    {
                        console.Fail($"{reply.Problem}; retrying in {backoff.TotalSeconds:0} s");
                        await Task.Delay(backoff, time, cancellationToken);
                        backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                        continue;
                    }

                    console.Fail(reply.Problem);
                    return ExitCodes.Failed;
                }

                backoff = TimeSpan.FromSeconds(1);
                foreach (var challenge in reply.Value!.Challenges.Where(c => seen.Add(c.Id)))
                {
                    Show(challenge);
                    var answer = await DecideAsync(policy, challenge, cancellationToken);
                    if (answer is null)
                    {
                        console.Fail("no answer on standard input");
                        return ExitCodes.Failed;
                    }

                    var (approve, number) = answer.Value;
                    var sent = await client.AnswerAsync(challenge, approve, number, cancellationToken);
                    if (sent.IsSuccess)
                    {
                        console.Out.WriteLine(approve
                            ? $"Approved with {number}: the sign-in can go ahead."
                            : "Denied. The account holder has been alerted; if this wasn't you, change your password.");
                        result = ExitCodes.Ok;
                    }
                    else
                    {
                        console.Fail($"refused: {sent.Problem}");
                        result = ExitCodes.Failed;
                    }

                    if (once)
                    {
                        return result;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Out.WriteLine("Stopped.");
            return result;
        }
    }

    private void Show(PushChallengeView c)
    {
        var output = console.Out;
        output.WriteLine();
        output.WriteLine($"Approval request: {c.Summary}");
        output.WriteLine($"  from:      {c.RequestIp ?? "unknown address"}");
        output.WriteLine($"  device:    {c.RequestDevice ?? "unknown device"}");
        output.WriteLine($"  location:  {c.Location ?? "unknown location"}");
        output.WriteLine($"  time:      {c.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        output.WriteLine($"  expires:   {c.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        output.WriteLine($"  numbers:   {string.Join("  ", c.Choices)}");
    }

    private async Task<(bool Approve, int? Number)?> DecideAsync(AnswerPolicy policy, PushChallengeView challenge, CancellationToken cancellationToken)
    {
        switch (policy.Mode)
        {
            case AnswerMode.Deny:
                return (false, null);
            case AnswerMode.ApproveNumber:
                return (true, policy.Number);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            console.Out.Write($"Pick the number shown on the sign-in screen ({string.Join(", ", challenge.Choices)}), or type 'deny' if this wasn't you: ");
            var line = (await input.ReadLineAsync(cancellationToken))?.Trim();
            if (line is null)
            {
                return null;
            }

            if (line.Equals("deny", StringComparison.OrdinalIgnoreCase) || line.Equals("d", StringComparison.OrdinalIgnoreCase))
            {
                return (false, null);
            }

            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && challenge.Choices.Contains(number))
            {
                return (true, number);
            }

            console.Out.WriteLine("That is not one of the three numbers.");
        }

        return null;
    }
}
