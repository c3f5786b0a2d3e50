using System.Buffers.Text;
using System.Text.Json;
using Portcullis.Server.Api.Authenticators;
using Portcullis.Server.Http;

namespace Portcullis.Cli.Authenticator;

/// <summary>
/// What an enrolled authenticator keeps, in one JSON file readable only by its owner (mode 0600 in a 0700 folder):
/// the gate's address, the device id, the Ed25519 private key and the offline-code seed. Nothing else holds the
/// private key; the gate only ever sees its public half.
/// </summary>
internal sealed record AuthenticatorKeyFile(
    int Version,
    string Server,
    Guid DeviceId,
    Guid FactorId,
    string Name,
    string SigningKey,
    string OfflineSeed,
    OfflineCodeView Offline,
    DateTimeOffset EnrolledAt)
{
    public const int CurrentVersion = 1;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary><c>~/.portcullis/authenticator.json</c>.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".portcullis", "authenticator.json");

    public override string ToString() => $"AuthenticatorKeyFile {{ Device = {DeviceId}, Server = {Server} }}";

    /// <summary>
    /// Writes the file with mode 0600 from its first byte (a temporary file in the same folder, moved into place),
    /// creating the folder with mode 0700 if needed. Refuses to replace an existing file unless <paramref name="replace"/>.
    /// </summary>
    public async Task SaveAsync(string path, bool replace, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, OwnerOnly);
            }

            File.Move(temporary, full, overwrite: replace);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads the file; refuses one that others may read (like ssh does with private keys).</summary>
    public static async Task<(AuthenticatorKeyFile? File, string? Problem)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path}: no authenticator key file; enrol first with 'portcullis authenticator enrol'");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            return (null, $"{path}: permissions are too open; the key file must be readable by its owner only (chmod 600 '{path}')");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var file = await JsonSerializer.DeserializeAsync<AuthenticatorKeyFile>(stream, Json, cancellationToken);
            return file is { Version: CurrentVersion, Server.Length: > 0 } && Is32Bytes(file.SigningKey) && Is32Bytes(file.OfflineSeed) &&
                Uri.TryCreate(file.Server, UriKind.Absolute, out _)
                ? (file, null)
                : (null, $"{path}: not an authenticator key file of version {CurrentVersion}");
        }
        catch (JsonException)
        {
            return (null, $"{path}: not an authenticator key file (invalid JSON)");
        }
    }

    private static bool Is32Bytes(string? base64Url) => base64Url is not null && Base64Url.IsValid(base64Url, out var length) && length == 32;

    private static JsonSerializerOptions Json { get; } = new(JsonDefaults.Options) { WriteIndented = true };
}
