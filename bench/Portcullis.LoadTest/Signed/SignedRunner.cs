using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portcullis.LoadTest.Signed;

/// <summary>
/// The signed API-key scenarios (issue 7): build (optionally) and start the bare endpoint and a demo gate, set up a key
/// through the API, warm every scenario up, then take <see cref="SignedSettings.Rounds"/> rounds, each measuring every
/// scenario once, back to back, starting with a different one each round so that drift and noise fall on all of them
/// alike; print the Markdown report. Progress goes to standard error, the report to standard output.
/// </summary>
public static class SignedRunner
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static async Task<int> RunAsync(SignedSettings settings, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var machine = await MachineInfo.ReadAsync(cancellationToken);
        progress.WriteLine($"{machine.Cores} cores, {machine.CpuModel}, .NET SDK {machine.SdkVersion}");
        if (settings.Build && !await LoadTestRunner.BuildGateAsync(settings.Repository, progress, cancellationToken))
        {
            return 1;
        }

        if (!File.Exists(settings.GateAssembly))
        {
            progress.WriteLine($"portcullis-loadtest: the gate is not built: {settings.GateAssembly} (drop --no-build, or pass --gate)");
            return 1;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PORTCULLIS_Factors__WebAuthn__Origins__0"] = SignedSetup.WebAuthnOrigin,
            ["PORTCULLIS_Policy__AuditAllowedReads"] = settings.AuditAllowedReads ? "true" : "false",
        };
        await using var bare = await BareEndpointProcess.StartAsync(progress, cancellationToken);
        await using var gate = await GateProcess.StartDemoAsync(settings.GateAssembly, environment, progress, cancellationToken);
        SignedFixture fixture;
        try
        {
            fixture = await SignedSetup.RunAsync(gate.BaseAddress, "demo", gate.OneTimePassword!, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            progress.WriteLine($"portcullis-loadtest: {ex.Message}");
            return 1;
        }

        progress.WriteLine($"Key {fixture.Key.KeyId} (Ed25519, read + trade, 127.0.0.1/32) on account {fixture.AccountId:D}.");
        var ed25519 = new KeyFileSigner(fixture.Key);
        var account = $"/api/v1/accounts/{fixture.AccountId:D}";
        var run = Guid.NewGuid().ToString("N")[..8];
        var scenarios = new List<Scenario>
        {
            new()
            {
                Id = "bare", Title = "bare Kestrel endpoint (baseline)", Server = bare.BaseAddress, ServerProcess = bare.Process,
                Signer = new NoSignature(), NextRequest = _ => new HttpRequestMessage(HttpMethod.Get, BareEndpoint.Path),
            },
            new()
            {
                Id = "read", Title = "signed read, Ed25519 per request", Target = 0.15, LatencyTarget = true,
                Server = gate.BaseAddress, ServerProcess = gate.Process, Signer = ed25519,
                NextRequest = _ => new HttpRequestMessage(HttpMethod.Get, $"{account}/portfolio"),
            },
            new()
            {
                Id = "order", Title = "signed market order, Ed25519", Target = 0.08, LatencyTarget = true,
                Server = gate.BaseAddress, ServerProcess = gate.Process, Signer = ed25519,
                NextRequest = loop => Order($"{account}/orders", $"load-{run}-{loop.Loop}-{loop.Sent}", loop),
            },

            new()
            {
                Id = "session-read", Title = "signed read, session key", Target = 0.25, LatencyTarget = true,
                Server = gate.BaseAddress, ServerProcess = gate.Process, Signer = new SessionKeySigner(fixture.Key),
                NextRequest = _ => new HttpRequestMessage(HttpMethod.Get, $"{account}/portfolio"),
            },
        };

        scenarios.RemoveAll(s => s.Id != "bare" && settings.Scenarios.Count > 0 && !settings.Scenarios.Contains(s.Id));
        var loads = scenarios.Select(s => new SignedLoad(s, settings.Concurrency)).ToList();
        try
        {
            progress.WriteLine($"Warming up each scenario for {settings.Warmup.TotalSeconds:0} s...");
            foreach (var load in loads)
            {
                await SettleAsync(gate.Process, cancellationToken);
                var warm = await load.RunAsync(settings.Warmup, cancellationToken);
                progress.WriteLine($"warm-up {load.Scenario.Id}: {warm.Succeeded} × 2xx ({warm.RequestsPerSecond:0}/s), {Errors(warm)}");
                if (warm.Succeeded == 0)
                {
                    progress.WriteLine($"portcullis-loadtest: the {load.Scenario.Id} scenario does not work; see the warm-up line above");
                    return 1;
                }
            }

            var rounds = new List<SignedRound>();
            for (var number = 1; number <= settings.Rounds; number++)
            {
                if (settings.QuietBelow > 0)
                {
                    await LoadTestRunner.WaitForQuietAsync(settings.QuietBelow, settings.QuietTimeout, gate.Process, progress, cancellationToken);
                }

                var samples = new Dictionary<string, ScenarioSample>(StringComparer.Ordinal);
                var order = loads.Skip((number - 1) % loads.Count).Concat(loads.Take((number - 1) % loads.Count)).ToList();
                foreach (var load in order)
                {
                    await SettleAsync(gate.Process, cancellationToken);
                    samples[load.Scenario.Id] = await load.RunAsync(settings.Duration, cancellationToken);
                }

                var round = new SignedRound(number, order.Select(l => l.Scenario.Id).ToList(), samples);
                rounds.Add(round);
                progress.WriteLine($"round {number}/{settings.Rounds}: " + string.Join("; ", scenarios.Select(s =>
                {
                    var sample = samples[s.Id];
                    return $"{s.Id} {sample.RequestsPerSecond:0}/s ({round.Ratio(s.Id):0.000}×) p99 {sample.P99Milliseconds:0} ms, " +
                        $"errors {sample.ErrorCount}, others {sample.Cpu.OthersPercent:0}%";
                })));
            }

            SignedReport.Write(output, machine, settings, scenarios, rounds);
            return 0;
        }
        finally
        {
            foreach (var load in loads)
            {
                load.Dispose();
            }
        }
    }

    /// <summary>
    /// A small market order of one share, buying when the loop's last completed order was a sale (or there was none) and
    /// selling otherwise, so that the position stays small and the cash lasts; a unique idempotency key each time.
    /// </summary>
    private static HttpRequestMessage Order(string path, string idempotencyKey, LoopState loop)
    {
        var side = loop.Completed % 2 == 0 ? "buy" : "sell";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { symbol = SignedSetup.Symbol, side, type = "market", quantity = 1 });
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } } };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>
    /// Waits (at most 10 s) until the gate is nearly idle, so that work left over from one phase (trade confirmations after
    /// orders, the garbage collector) does not fall into the next phase.
    /// </summary>
    private static async Task SettleAsync(Process gate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            var clock = new CpuClock(gate);
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            var use = clock.Stop();
            if (double.IsNaN(use.GatePercent) || use.GatePercent * Environment.ProcessorCount < 10)
            {
                return;
            }
        }
    }

    internal static string Errors(ScenarioSample sample) => sample.ErrorCount == 0
        ? "no errors"
        : "errors: " + string.Join(", ", sample.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Value} × {e.Key}"));
}

/// <summary>One round: every scenario measured once, in <paramref name="Order"/>.</summary>
public sealed record SignedRound(int Number, IReadOnlyList<string> Order, IReadOnlyDictionary<string, ScenarioSample> Samples)
{
    /// <summary>The scenario's requests/s over the bare endpoint's in this round.</summary>
    public double Ratio(string scenario) =>
        Samples["bare"].RequestsPerSecond == 0 ? double.NaN : Samples[scenario].RequestsPerSecond / Samples["bare"].RequestsPerSecond;
}
