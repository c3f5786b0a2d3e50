using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using NSec.Cryptography;
using Portcullis.Cli.Authenticator;
using Portcullis.Core.Factors.Push;
using Portcullis.Server.Api.Authenticators;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis authenticator</c>: this machine as an authenticator device (enrol, wait for pushes, offline codes).</summary>
internal static class AuthenticatorCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        _ = global;
        var command = new Command("authenticator", "Act as an authenticator device: enrol with a code, approve sign-ins with number matching, show offline codes");
        command.Subcommands.Add(Enrol(console));
        command.Subcommands.Add(Run(console));
        command.Subcommands.Add(Code(console));
        return command;
    }

    private static Option<string?> FileOption() => new("--file")
    {
        Description = "The authenticator's key file (default: ~/.portcullis/authenticator.json, mode 0600)",
    };

    private static Command Enrol(CliConsole console)
    {
        var server = new Option<string?>("--server") { Description = "The gate's address, e.g. https://gate.example.com (not needed with an enrolment link)" };
        var code = new Option<string?>("--code")
        {
            Description = "The enrolment code (pce_…) or the whole portcullis-authenticator:// link; read from standard input when omitted",
        };
        var name = new Option<string?>("--name") { Description = "A name for this device (default: the machine name)" };
        var file = FileOption();
        var force = new Option<bool>("--force") { Description = "Replace an existing key file" };
        var command = new Command("enrol", "Enrol this machine as an authenticator with a one-time code from a signed-in session")
        {
            server, code, name, file, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file) ?? AuthenticatorKeyFile.DefaultPath;
            if (File.Exists(path) && !parse.GetValue(force))
            {
                console.Fail($"{path} already exists; use --force to replace it (the old enrolment stays until revoked)");
                return ExitCodes.Usage;
            }

            var given = parse.GetValue(code);
            if (given is null)
            {
                console.Error.Write("Paste the enrolment code: ");
                given = await Console.In.ReadLineAsync(cancellationToken);
            }

            var (input, problem) = EnrollmentInput.Parse(given ?? string.Empty, parse.GetValue(server));
            if (input is null)
            {
                console.Fail(problem!);
                return ExitCodes.Usage;
            }

            return await EnrolAsync(console, input, parse.GetValue(name) ?? Environment.MachineName, path, parse.GetValue(force), cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Makes the device's keys here, sends only their public halves with the code, derives the offline seed from
    /// the gate's agreement key, and writes the key file (0600). The X25519 private key is dropped afterwards.
    /// </summary>
    private static async Task<int> EnrolAsync(CliConsole console, EnrollmentInput input, string name, string path, bool replace,
        CancellationToken cancellationToken)
    {
        using var signingKey = Key.Create(PushProtocol.Signing, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        using var agreementKey = Key.Create(PushProtocol.Agreement);
        var agreementPublic = agreementKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var body = new AuthenticatorEnrollmentBody(input.Code, name, $"portcullis-authenticator/{Platform()}",
            Base64Url.EncodeToString(signingKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Base64Url.EncodeToString(agreementPublic));
        DeviceReply<AuthenticatorEnrolledResponse> reply;
        try
        {
            reply = await DeviceClient.EnrolAsync(input.Server, body, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            console.Fail($"cannot reach {input.Server}: {ex.Message}");
            return ExitCodes.Failed;
        }

        if (!reply.IsSuccess)
        {
            console.Fail($"enrolment refused: {reply.Problem}");
            return ExitCodes.Failed;
        }

        var enrolled = reply.Value!;
        var gateKey = PushProtocol.ImportPublicKey(PushProtocol.Agreement, enrolled.ServerAgreementKey);
        var seed = gateKey is null
            ? null
            : PushProtocol.DeriveOfflineSeed(agreementKey, gateKey, agreementPublic, gateKey.Export(KeyBlobFormat.RawPublicKey), enrolled.DeviceId);
        if (seed is null)
        {
            console.Fail("the gate sent an unusable agreement key; offline codes cannot be set up (revoke this device and try again)");
            return ExitCodes.Failed;
        }

        var privateKey = signingKey.Export(KeyBlobFormat.RawPrivateKey);
        var keyFile = new AuthenticatorKeyFile(AuthenticatorKeyFile.CurrentVersion, input.Server.AbsoluteUri, enrolled.DeviceId, enrolled.FactorId,
            enrolled.Name, Base64Url.EncodeToString(privateKey), Base64Url.EncodeToString(seed), enrolled.Offline, TimeProvider.System.GetUtcNow());
        CryptographicOperations.ZeroMemory(privateKey);
        CryptographicOperations.ZeroMemory(seed);
        await keyFile.SaveAsync(path, replace, cancellationToken);
        console.Out.WriteLine($"Enrolled \"{enrolled.Name}\" as an authenticator (device {enrolled.DeviceId}).");
        console.Out.WriteLine($"Key file: {Path.GetFullPath(path)} (readable by you only; keep it secret).");
        console.Out.WriteLine("Next: 'portcullis authenticator run' to approve sign-ins, 'portcullis authenticator code' for an offline code.");
        return ExitCodes.Ok;
    }

    private static Command Run(CliConsole console)
    {
        var file = FileOption();
        var approveNumber = new Option<int?>("--approve-number") { Description = "Approve each request with this number (scripts and tests)" };
        var deny = new Option<bool>("--deny") { Description = "Deny each request: \"this wasn't me\" (the account holder is alerted)" };
        var interactive = new Option<bool>("--interactive") { Description = "Ask which number to send for each request (the default)" };
        var once = new Option<bool>("--once") { Description = "Stop after answering one request; exit 0 if the gate accepted the answer" };
        var timeout = new Option<int?>("--timeout") { Description = "Give up (exit 1) when no request arrived within this many seconds" };
        var command = new Command("run", "Wait for sign-in requests and answer them by number matching")
        {
            file, approveNumber, deny, interactive, once, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var number = parse.GetValue(approveNumber);
            var modes = (number is null ? 0 : 1) + (parse.GetValue(deny) ? 1 : 0) + (parse.GetValue(interactive) ? 1 : 0);
            if (modes > 1)
            {
                console.Fail("give at most one of --approve-number, --deny and --interactive");
                return ExitCodes.Usage;
            }

            if (number is not null and not (>= 10 and <= 99))
            {
                console.Fail($"--approve-number: the numbers shown are two-digit, 10 to 99 (value: {number})");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(timeout) is <= 0)
            {
                console.Fail("--timeout must be a positive number of seconds");
                return ExitCodes.Usage;
            }

            var policy = number is { } n ? new AnswerPolicy(AnswerMode.ApproveNumber, n)
                : parse.GetValue(deny) ? new AnswerPolicy(AnswerMode.Deny)
                : new AnswerPolicy(AnswerMode.Interactive);
            var (keyFile, problem) = await AuthenticatorKeyFile.LoadAsync(parse.GetValue(file) ?? AuthenticatorKeyFile.DefaultPath, cancellationToken);
            if (keyFile is null)
            {
                console.Fail(problem!);
                return ExitCodes.Failed;
            }

            using var signingKey = Key.Import(PushProtocol.Signing, Base64Url.DecodeFromChars(keyFile.SigningKey), KeyBlobFormat.RawPrivateKey);
            using var client = new DeviceClient(new Uri(keyFile.Server), keyFile.DeviceId, signingKey, TimeProvider.System);
            console.Out.WriteLine($"Authenticator \"{keyFile.Name}\" waiting for requests from {keyFile.Server} (Ctrl+C to stop).");
            var seconds = parse.GetValue(timeout);
            return await new ChallengeLoop(client, console, Console.In, TimeProvider.System)
                .RunAsync(policy, parse.GetValue(once), seconds is { } s ? TimeSpan.FromSeconds(s) : null, cancellationToken);
        });
        return command;
    }

    private static Command Code(CliConsole console)
    {
        var file = FileOption();
        var command = new Command("code", "Print the current offline code, for signing in when a push cannot reach this device") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (keyFile, problem) = await AuthenticatorKeyFile.LoadAsync(parse.GetValue(file) ?? AuthenticatorKeyFile.DefaultPath, cancellationToken);
            if (keyFile is null)
            {
                console.Fail(problem!);
                return ExitCodes.Failed;
            }

            var seed = Base64Url.DecodeFromChars(keyFile.OfflineSeed);
            var now = TimeProvider.System.GetUtcNow();
            var code = OfflineCode.Compute(seed, now);
            CryptographicOperations.ZeroMemory(seed);
            var period = PushProtocol.OfflinePeriodSeconds;
            console.Out.WriteLine(code);
            console.Out.WriteLine($"(changes in {period - (now.ToUnixTimeSeconds() % period)} s; each code works once)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Platform() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other";
}
