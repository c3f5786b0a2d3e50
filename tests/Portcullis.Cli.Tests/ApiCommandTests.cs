using Portcullis.Client;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis api keygen</c> and the argument checks of <c>portcullis api</c> (signed calls to a gate are in ApiKeySigningCliTests).</summary>
public sealed class ApiCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa-p256-sha256")]
    public async Task Keygen_WritesAnOwnerOnlyPrivateKey_AndPrintsItsPublicHalf(string algorithm)
    {
        var file = Path.Combine(_folder.Path, "bot.key");

        var result = await Cli.RunAsync("api", "keygen", "--algorithm", algorithm, "--out", file);
        var again = await Cli.RunAsync("api", "keygen", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", result.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var key = ApiKeyFile.Load(file);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Null(key.KeyId);
        Assert.Equal(key.PublicKeyPem().Trim(), result.Out.Trim());

        // The file's private key signs what its printed public key verifies.
        using var signer = key.CreateSigningKey();
        using var verifier = algorithm == "ed25519"
            ? (HttpSignatureKey)Ed25519HttpKey.FromPublicKeyPem(result.Out)
            : EcdsaP256HttpKey.FromPem(result.Out);
        Assert.True(verifier.Verify("hello"u8, signer.Sign("hello"u8)));

        Assert.Equal(ExitCodes.Failed, again.ExitCode);
        Assert.Contains("exists", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "api", "TELEPORT", "/api/v1/instruments", "--key", "k", "--server", "http://localhost:1" }, "METHOD must be")]
    [InlineData(new[] { "api", "GET", "api/v1/instruments", "--key", "k", "--server", "http://localhost:1" }, "PATH must start with /")]
    [InlineData(new[] { "api", "GET", "/api/v1/instruments", "--key", "k", "--server", "ftp://gate" }, "--server")]
    [InlineData(new[] { "api", "GET", "/api/v1/instruments", "--key", "/nonexistent/bot.key", "--server", "http://localhost:1" }, "bot.key")]
    public async Task Api_WithBadArguments_SaysWhatIsWrong_AndExitsTwo(string[] args, string message)
    {
        var result = await Cli.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithAKeyFileWithoutKeyId_AsksForIt()
    {
        var file = Path.Combine(_folder.Path, "bot.key");
        ApiKeyFile.Generate(ApiKeyFile.Ed25519).Save(file);

        var result = await Cli.RunAsync("api", "GET", "/api/v1/instruments", "--key", file, "--server", "http://localhost:1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--key-id", result.Error, StringComparison.Ordinal);
    }
}
