using System.CommandLine;
using Portcullis.LoadTest;
using Portcullis.LoadTest.Signed;

var cores = Environment.ProcessorCount;
var duration = new Option<int>("--duration") { Description = "Seconds per measurement phase (signed: per scenario and round)", DefaultValueFactory = _ => 10 };
var rounds = new Option<int>("--rounds")
{
    Description = "Rounds (sign-in: a raw hashing and a sign-in phase; signed: every scenario once)",
    DefaultValueFactory = _ => 5,
};
var warmup = new Option<int>("--warmup") { Description = "Seconds of uncounted load before the first round (signed: per scenario)", DefaultValueFactory = _ => 20 };
var scenario = new Option<string>("--scenario")
{
    Description = "sign-in: password sign-ins against raw Argon2id; signed: signed API-key reads and orders against a bare Kestrel endpoint",
    DefaultValueFactory = _ => "sign-in",
}.AcceptOnlyFromAmong("sign-in", "signed");
var concurrency = new Option<int?>("--concurrency")
{
    Description = $"Concurrent connections (default: sign-in 4 per core, {4 * cores}; signed 64)",
};
var only = new Option<string[]>("--only")
{
    Description = "signed: measure only these scenarios (read, session-read, order) besides the bare endpoint, which always runs",
    AllowMultipleArgumentsPerToken = true,
};
only.AcceptOnlyFromAmong("read", "session-read", "order");
var auditReads = new Option<bool>("--audit-allowed-reads")
{
    Description = "signed: run the gate with Policy:AuditAllowedReads=true (every allowed read writes a policy.decided audit event)",
};
var users = new Option<int?>("--users") { Description = "Distinct users (default: one per connection)" };
var hashThreads = new Option<int>("--hash-threads")
{
    Description = $"Threads for raw Argon2id (default one per core, as the gate: {cores})",
    DefaultValueFactory = _ => cores,
};
var newDevices = new Option<bool>("--new-devices") { Description = "Register a new device on every sign-in instead of presenting the device token" };
var quietBelow = new Option<double>("--quiet-below")
{
    Description = "Before each round, wait until other processes use less than this % of the machine (default 0: do not wait)",
};
var quietTimeout = new Option<int>("--quiet-timeout") { Description = "Seconds to wait for quiet before going ahead anyway", DefaultValueFactory = _ => 300 };
var noBuild = new Option<bool>("--no-build") { Description = "Do not build the gate (src/Portcullis.Cli, Release) first" };
var repo = new Option<string?>("--repo") { Description = "Repository root (default: found above the current folder)" };
var gate = new Option<string?>("--gate") { Description = "The gate's portcullis.dll (default: <repo>/src/Portcullis.Cli/bin/Release/net10.0/portcullis.dll)" };

var root = new RootCommand(
    "Measures password sign-in throughput over HTTP against raw Argon2id hashes per second on the same machine, or " +
    "(--scenario signed) signed API-key requests against a bare Kestrel endpoint, and prints a Markdown report.")
{
    scenario, duration, rounds, warmup, concurrency, users, hashThreads, newDevices, only, auditReads, quietBelow, quietTimeout, noBuild, repo, gate,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var repository = parse.GetValue(repo) ?? FindRepository();
    if (repository is null)
    {
        Console.Error.WriteLine("portcullis-loadtest: cannot find Portcullis.slnx above the current folder; pass --repo");
        return 2;
    }

    var gateAssembly = Path.GetFullPath(parse.GetValue(gate) ?? Path.Combine(repository, "src", "Portcullis.Cli", "bin", "Release", "net10.0", "portcullis.dll"));
    if (parse.GetValue(scenario) == "signed")
    {
        var signed = new SignedSettings(
            Path.GetFullPath(repository),
            gateAssembly,
            !parse.GetValue(noBuild),
            TimeSpan.FromSeconds(parse.GetValue(duration)),
            TimeSpan.FromSeconds(parse.GetValue(warmup)),
            parse.GetValue(rounds),
            parse.GetValue(concurrency) ?? 64,
            parse.GetValue(quietBelow),
            TimeSpan.FromSeconds(parse.GetValue(quietTimeout)),
            parse.GetValue(auditReads),
            parse.GetValue(only) ?? []);
        if (signed.Duration <= TimeSpan.Zero || signed.Warmup <= TimeSpan.Zero || signed.Rounds < 1 || signed.Concurrency < 1 ||
            signed.QuietBelow is < 0 or > 100)
        {
            Console.Error.WriteLine("portcullis-loadtest: --duration, --warmup, --rounds and --concurrency must be positive, --quiet-below within 0-100");
            return 2;
        }

        return await SignedRunner.RunAsync(signed, Console.Out, Console.Error, cancellationToken);
    }

    var settings = new LoadTestSettings(
        Path.GetFullPath(repository),
        gateAssembly,
        !parse.GetValue(noBuild),
        TimeSpan.FromSeconds(parse.GetValue(duration)),
        TimeSpan.FromSeconds(parse.GetValue(warmup)),
        parse.GetValue(rounds),
        parse.GetValue(concurrency) ?? 4 * cores,
        parse.GetValue(users) ?? parse.GetValue(concurrency) ?? 4 * cores,
        parse.GetValue(hashThreads),
        parse.GetValue(newDevices),
        parse.GetValue(quietBelow),
        TimeSpan.FromSeconds(parse.GetValue(quietTimeout)));
    if (settings.Duration <= TimeSpan.Zero || settings.Warmup < TimeSpan.Zero || settings.Rounds < 1 || settings.Concurrency < 1 ||
        settings.Users < 1 || settings.HashThreads < 1 || settings.QuietBelow is < 0 or > 100)
    {
        Console.Error.WriteLine("portcullis-loadtest: --duration, --rounds, --concurrency, --users and --hash-threads must be positive, --quiet-below within 0-100");
        return 2;
    }

    if (settings.Users < settings.Concurrency)
    {
        Console.Error.WriteLine("portcullis-loadtest: warning: fewer users than connections; a user's parallel attempts may be throttled");
    }

    return await LoadTestRunner.RunAsync(settings, Console.Out, Console.Error, cancellationToken);
});

// The baseline server of --scenario signed, started by the harness as a process of its own.
var bareUrls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:0" };
var bareEndpoint = new Command("bare-endpoint", "Serve the bare Kestrel endpoint that --scenario signed compares with (started by the harness)")
{
    bareUrls,
};
bareEndpoint.Hidden = true;
bareEndpoint.SetAction((parse, cancellationToken) => BareEndpoint.RunAsync(parse.GetValue(bareUrls)!, cancellationToken));
root.Subcommands.Add(bareEndpoint);
return await root.Parse(args).InvokeAsync();

static string? FindRepository()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
            {
                return folder.FullName;
            }
        }
    }

    return null;
}
