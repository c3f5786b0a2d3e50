using System.Diagnostics;

namespace Portcullis.LoadTest;

/// <summary>
/// One run: build (optionally) and start the gate, warm up, then take <see cref="LoadTestSettings.Rounds"/>
/// pairs of measurements (raw Argon2id with the machine to itself, then sign-in load; the order alternates
/// from round to round so that drift falls on both), and print the Markdown report. Progress goes to
/// standard error, the report to standard output.
/// </summary>
public static class LoadTestRunner
{
    public static async Task<int> RunAsync(LoadTestSettings settings, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken)
    {
        var machine = await MachineInfo.ReadAsync(cancellationToken);
        progress.WriteLine($"{machine.Cores} cores, {machine.CpuModel}, .NET SDK {machine.SdkVersion}");
        if (settings.Build && !await BuildGateAsync(settings.Repository, progress, cancellationToken))
        {
            return 1;
        }

        if (!File.Exists(settings.GateAssembly))
        {
            progress.WriteLine($"portcullis-loadtest: the gate is not built: {settings.GateAssembly} (drop --no-build, or pass --gate)");
            return 1;
        }

        var users = LoadUser.Create(settings.Users);
        await using var gate = await GateProcess.StartAsync(settings.GateAssembly, users, progress, cancellationToken);
        using var load = new SignInLoad(gate.BaseAddress, users, settings.Concurrency, settings.NewDevices, gate.Process);

        progress.WriteLine($"Warming up for {settings.Warmup.TotalSeconds:0} s...");
        RawArgon2Meter.Measure(settings.HashThreads, TimeSpan.FromSeconds(1), gate.Process);
        var warm = await load.RunAsync(settings.Warmup, cancellationToken);
        progress.WriteLine($"warm-up: {warm.Succeeded} sign-ins, {warm.Busy} × 429 busy, {warm.Throttled} × 429 throttled, " +
            $"{warm.Unauthorized} × 401, {warm.Other} other{(warm.FirstProblem is { } problem ? $" (first: {problem})" : "")}");
        if (warm.Succeeded == 0 && warm.Unauthorized + warm.Other > 0)
        {
            progress.WriteLine("portcullis-loadtest: sign-in does not work; see the warm-up line above");
            return 1;
        }

        var rounds = new List<Round>();
        for (var number = 1; number <= settings.Rounds; number++)
        {
            if (settings.QuietBelow > 0)
            {
                await WaitForQuietAsync(settings.QuietBelow, settings.QuietTimeout, gate.Process, progress, cancellationToken);
            }

            RawSample raw;
            SignInSample signIn;
            if (number % 2 == 1)
            {
                raw = RawArgon2Meter.Measure(settings.HashThreads, settings.Duration, gate.Process);
                signIn = await load.RunAsync(settings.Duration, cancellationToken);
            }
            else
            {
                signIn = await load.RunAsync(settings.Duration, cancellationToken);
                raw = RawArgon2Meter.Measure(settings.HashThreads, settings.Duration, gate.Process);
            }

            var round = new Round(number, raw, signIn);
            rounds.Add(round);
            progress.WriteLine($"round {number}/{settings.Rounds}: raw {raw.HashesPerSecond:0.0} hashes/s, " +
                $"sign-in {signIn.SignInsPerSecond:0.0}/s ({round.Ratio:P1}), p50 {signIn.P50Milliseconds:0} ms, " +
                $"p95 {signIn.P95Milliseconds:0} ms, 429 busy {signIn.Busy}, 429 throttled {signIn.Throttled}, " +
                $"401 {signIn.Unauthorized}, other {signIn.Other}; other processes {raw.Cpu.OthersPercent:0}% / {signIn.Cpu.OthersPercent:0}% CPU" +
                (signIn.FirstProblem is { } first ? $"; first problem: {first}" : ""));
        }

        Report.Write(output, machine, settings, rounds);
        return 0;
    }

    /// <summary>Waits until other processes leave the machine (nearly) alone, or the timeout passes.</summary>
    internal static async Task WaitForQuietAsync(double quietBelow, TimeSpan quietTimeout, Process gate, TextWriter progress,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var told = false;
        while (true)
        {
            var clock = new CpuClock(gate);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var others = clock.Stop().OthersPercent;
            if (double.IsNaN(others) || others < quietBelow)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > quietTimeout)
            {
                progress.WriteLine($"other processes still use {others:0}% of the machine; going ahead");
                return;
            }

            if (!told)
            {
                progress.WriteLine($"other processes use {others:0}% of the machine; waiting for less than {quietBelow:0}%...");
                told = true;
            }
        }
    }

    internal static async Task<bool> BuildGateAsync(string repository, TextWriter progress, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repository, "src", "Portcullis.Cli", "Portcullis.Cli.csproj");
        progress.WriteLine($"Building {project} (Release)...");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            progress.WriteLine(await output);
            progress.WriteLine(await error);
            progress.WriteLine($"portcullis-loadtest: building the gate failed ({process.ExitCode})");
            return false;
        }

        return true;
    }
}
