using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portcullis.Core.Secrets;

namespace Portcullis.Storage;

/// <summary>
/// The secret key ring kept as a file (default <c>&lt;DataDirectory&gt;/keyring.json</c>, mode 0600):
/// <c>{"current": 1, "keys": {"1": "&lt;base64 32 bytes&gt;"}}</c>. Created on first use. Several nodes
/// must share one file (a mounted secret); <see cref="Rotate"/> adds a key and makes it current.
/// </summary>
public static class KeyRingFile
{
    public static SecretKeyRing LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Write(path, new Dictionary<uint, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }, 1, createNew: true);
        }

        return Read(path);
    }

    /// <summary>Adds a fresh key and makes it current; old keys stay to open old data. Returns the new key id.</summary>
    public static uint Rotate(string path)
    {
        var (keys, _) = ReadKeys(path);
        var next = keys.Keys.Max() + 1;
        keys[next] = RandomNumberGenerator.GetBytes(32);
        Write(path, keys, next, createNew: false);
        return next;
    }

    private static SecretKeyRing Read(string path)
    {
        var (keys, current) = ReadKeys(path);
        try
        {
            return new SecretKeyRing(keys, current);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The key ring '{path}' is not valid: {ex.Message}", ex);
        }
    }

    private static (Dictionary<uint, byte[]> Keys, uint Current) ReadKeys(string path)
    {
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var current = document["current"]!.GetValue<uint>();
            var keys = document["keys"]!.AsObject()
                .ToDictionary(k => uint.Parse(k.Key, CultureInfo.InvariantCulture), k => Convert.FromBase64String(k.Value!.GetValue<string>()));
            return (keys, current);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"The key ring '{path}' is not valid: {ex.GetType().Name}.", ex);
        }
    }

    private static void Write(string path, Dictionary<uint, byte[]> keys, uint current, bool createNew)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
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

        var json = new JsonObject
        {
            ["current"] = current,
            ["keys"] = new JsonObject(keys.OrderBy(k => k.Key).Select(k =>
                KeyValuePair.Create(k.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(Convert.ToBase64String(k.Value))))),
        };
        var temp = createNew ? path : path + ".tmp";
        var options = new FileStreamOptions { Mode = createNew ? FileMode.CreateNew : FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        if (!createNew)
        {
            File.Move(temp, path, overwrite: true);
        }
    }
}
