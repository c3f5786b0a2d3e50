using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Portcullis.Core.Policy;
using Portcullis.Server.Http;
using Spectre.Console;
using Capabilities = Portcullis.Core.Policy.Capabilities;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis policy check|explain|operations|show-default</c>: work with policy files without a store.</summary>
internal static class PolicyCommands
{
    public static Command Create(CliConsole console)
    {
        var policy = new Command("policy", "Validate a policy file and see how a policy decides an operation");
        policy.Subcommands.Add(Check(console));
        policy.Subcommands.Add(Explain(console));
        policy.Subcommands.Add(List(console));
        policy.Subcommands.Add(ShowDefault(console));
        return policy;
    }

    private static Command Check(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file (YAML or JSON)" };
        var command = new Command("check", "Validate a policy file; every problem is listed with its path and line") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var (compiled, problems) = PolicyLoader.LoadFile(path);
            if (compiled is null)
            {
                foreach (var problem in problems)
                {
                    console.Error.WriteLine($"{path}: {problem}");
                }

                console.Fail($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; the policy is not valid");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"{path}: valid ({compiled.Tiers.Count} tiers, {compiled.Rules.Count} rules, ending in default-deny)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Explain(CliConsole console)
    {
        var file = new Option<string?>("--policy") { Description = "The policy file; default: the built-in policy" };
        var operation = new Option<string>("--operation", "-o") { Description = "The operation, e.g. order.place (see 'policy operations')", Required = true };
        var notional = new Option<decimal?>("--notional") { Description = "Order value in the account currency" };
        var amount = new Option<decimal?>("--amount") { Description = "Withdrawal or transfer amount in the account currency" };
        var assetClass = new Option<string?>("--asset-class") { Description = "stock, option, future, forex or bond" };
        var orderType = new Option<string?>("--order-type") { Description = "market, limit, stop or stop_limit" };
        var instrument = new Option<string?>("--instrument") { Description = "The instrument's symbol" };
        var destination = new Option<string?>("--destination") { Description = "The withdrawal destination" };
        var factorKind = new Option<string?>("--factor-kind") { Description = "For factor operations: totp, webauthn, push, sms, recovery_codes" };
        var capability = new Option<string?>("--capability") { Description = "For freezes: trading, withdrawals, api, security_changes, all" };
        var initiator = new Option<string>("--initiator") { Description = "session, api_key or workstation", DefaultValueFactory = _ => "session" }
            .AcceptOnlyFromAmong("session", "api_key", "workstation");
        var proofs = new Option<string[]>("--proof")
        {
            Description = "A proof on the session as CLASS:AGE, repeatable (classes: phishing_resistant, possession, restricted, "
                + "lookup_secret, password; e.g. phishing_resistant:30s). Default: password:1m and possession:1m",
            AllowMultipleArgumentsPerToken = false,
        };
        var idle = new Option<string>("--idle") { Description = "Time since the session's last activity", DefaultValueFactory = _ => "10s" };
        var sessionAge = new Option<string>("--session-age") { Description = "Time since the session began", DefaultValueFactory = _ => "1m" };
        var untrustedDevice = new Option<bool>("--untrusted-device") { Description = "The device has not proven a second factor" };
        var ip = new Option<string>("--ip") { Description = "The client address", DefaultValueFactory = _ => "198.51.100.20" };
        var networks = new Option<string[]>("--trusted-network") { Description = "A trusted network of the account (CIDR), repeatable" };
        var frozen = new Option<string[]>("--frozen") { Description = "A frozen capability, repeatable" };
        var locked = new Option<bool>("--settings-locked") { Description = "The settings lock is on" };
        var cooldown = new Option<string?>("--cooldown") { Description = "Time left of the cool-down after a security change, e.g. 20h" };
        var hasKey = new Option<bool>("--has-security-key") { Description = "The user has a security key or passkey" };
        var noSecond = new Option<bool>("--no-second-factor") { Description = "The user has no second factor at all" };
        var recovered = new Option<bool>("--recovered") { Description = "The session was opened with a recovery code" };
        var total = new Option<decimal?>("--total") { Description = "Earlier executions counted by the operation's caps (e.g. withdrawn in the last 24 h)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("explain", "Evaluate a described operation against a policy and print the matching rule, the decision and why")
        {
            file, operation, notional, amount, assetClass, orderType, instrument, destination, factorKind, capability, initiator, proofs,
            idle, sessionAge, untrustedDevice, ip, networks, frozen, locked, cooldown, hasKey, noSecond, recovered, total, json,
        };
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            var compiled = Load(parse.GetValue(file), console);
            if (compiled is null)
            {
                return ExitCodes.Failed;
            }

            var now = TimeProvider.System.GetUtcNow();
            var proofList = new List<PolicyProof>();
            var proofTexts = parse.GetValue(proofs) is { Length: > 0 } given ? given : ["password:1m", "possession:1m"];
            foreach (var text in proofTexts)
            {
                var parts = text.Split(':', 2);
                if (parts.Length != 2 || !ProofClasses.TryParse(parts[0], out var pc) || !Durations.TryParse(parts[1], out var age))
                {
                    problems.Add($"--proof: '{text}' is not CLASS:AGE (e.g. phishing_resistant:30s)");
                    continue;
                }

                proofList.Add(new PolicyProof(pc, now - age));
            }

            var idleFor = Duration(parse.GetValue(idle)!, "--idle", problems);
            var age0 = Duration(parse.GetValue(sessionAge)!, "--session-age", problems);
            var cooldownLeft = parse.GetValue(cooldown) is { } c ? Duration(c, "--cooldown", problems) : (TimeSpan?)null;
            if (!IPAddress.TryParse(parse.GetValue(ip), out var address))
            {
                problems.Add($"--ip: '{parse.GetValue(ip)}' is not an IP address");
            }

            var trusted = new List<IPNetwork>();
            foreach (var n in parse.GetValue(networks) ?? [])
            {
                if (IPNetwork.TryParse(n, out var network))
                {
                    trusted.Add(network);
                }
                else
                {
                    problems.Add($"--trusted-network: '{n}' is not a CIDR range");
                }
            }

            var frozenSet = Capability.None;
            foreach (var f in parse.GetValue(frozen) ?? [])
            {
                if (Capabilities.TryParse(f, out var cap))
                {
                    frozenSet |= cap;
                }
                else
                {
                    problems.Add($"--frozen: '{f}' is not one of trading, withdrawals, api, security_changes, all");
                }
            }

            if (problems.Count > 0)
            {
                problems.ForEach(console.Fail);
                return ExitCodes.Usage;
            }

            var op = parse.GetValue(operation)!;
            var request = new OperationRequest
            {
                Operation = op,
                UserId = Guid.Empty,
                Initiator = parse.GetValue(initiator) switch { "api_key" => InitiatorKind.ApiKey, "workstation" => InitiatorKind.Workstation, _ => InitiatorKind.Session },
                DeviceTrusted = !parse.GetValue(untrustedDevice),
                SourceIp = address,
                Notional = parse.GetValue(notional),
                Amount = parse.GetValue(amount),
                AssetClass = parse.GetValue(assetClass),
                OrderType = parse.GetValue(orderType),
                Instrument = parse.GetValue(instrument),
                Destination = parse.GetValue(destination),
                FactorKind = parse.GetValue(factorKind),
                Capability = parse.GetValue(capability),
            };
            var subject = new PolicySubject
            {
                Proofs = request.Initiator == InitiatorKind.Session ? proofList : [],
                SessionStartedAt = now - age0,
                SessionLastSeenAt = now - idleFor,
                RecoveredSession = parse.GetValue(recovered),
                HasPhishingResistantFactor = parse.GetValue(hasKey),
                HasSecondFactor = !parse.GetValue(noSecond),
                Protection = new AccountProtection(frozenSet, parse.GetValue(locked), cooldownLeft is { } left ? now + left : null, trusted),
                Totals = parse.GetValue(total) is { } t ? compiled.CapsFor(op).ToDictionary(q => q.Key, _ => t) : new Dictionary<string, decimal>(),
            };
            var explanation = compiled.Explain(request, subject, now);
            Print(console, op, explanation, compiled.Source, parse.GetValue(json));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("operations", "List the operations catalogue: every operation the policy decides");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("operation", "freeze", "cool-down", "description");
            foreach (var o in Operations.All)
            {
                table.AddRow(Markup.Escape(o.Name), o.Capability == Capability.None ? "-" : Capabilities.Name(o.Capability),
                    o.Cooldown ? "yes" : "-", Markup.Escape(o.Description));
            }

            console.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ShowDefault(CliConsole console)
    {
        var command = new Command("show-default", "Print the built-in default policy (a starting point for your own policy file)");
        command.SetAction(_ =>
        {
            console.Out.Write(PolicyLoader.DefaultText());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CompiledPolicy? Load(string? path, CliConsole console)
    {
        if (path is null)
        {
            return PolicyLoader.Default();
        }

        var (compiled, problems) = PolicyLoader.LoadFile(path);
        foreach (var problem in problems)
        {
            console.Fail($"{path}: {problem}");
        }

        return compiled;
    }

    private static TimeSpan Duration(string text, string option, List<string> problems)
    {
        if (Durations.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{option}: '{text}' is not a duration like 30s, 5m, 12h or 2d");
        return TimeSpan.Zero;
    }

    private static void Print(CliConsole console, string operation, Explanation explanation, string source, bool json)
    {
        var d = explanation.Decision;
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                operation,
                decision = PolicyGate.Kind(d.Kind),
                reason = d.Reason,
                rule = d.Rule,
                tier = d.Tier,
                step_up = d.StepUp is { } s ? new { acr_values = s.AcrValues, max_age = s.MaxAge is { } a ? (long?)a.TotalSeconds : null } : null,
                steps = explanation.Steps,
                policy = source,
            }, JsonDefaults.Options));
            return;
        }

        console.Out.WriteLine($"policy:    {source}");
        console.Out.WriteLine($"operation: {operation}");
        console.Out.WriteLine($"rule:      {d.Rule ?? "(built-in guard)"}{(d.Tier is null ? "" : $" -> tier {d.Tier}")}");
        var stepUp = d.StepUp is { } r
            ? $" (acr_values=\"{r.AcrValues}\"{(r.MaxAge is { } m ? string.Create(CultureInfo.InvariantCulture, $", max_age={(long)m.TotalSeconds}") : "")})"
            : "";
        console.Out.WriteLine($"decision:  {PolicyGate.Kind(d.Kind)}: {d.Reason}{stepUp}");
        console.Out.WriteLine("why:");
        foreach (var step in explanation.Steps)
        {
            console.Out.WriteLine($"  - {step.Check}: {step.Outcome}");
        }
    }
}
