namespace Portcullis.LoadTest;

/// <summary>A user the harness created, and the device token its client keeps after the first sign-in.</summary>
public sealed class LoadUser(string username, string password)
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    public string? DeviceToken { get; set; }

    /// <summary>
    /// <paramref name="count"/> users with distinct passwords of 15+ characters that pass the gate's policy
    /// (not common, not repetitive, no username or service name in them).
    /// </summary>
    public static IReadOnlyList<LoadUser> Create(int count) =>
        Enumerable.Range(1, count)
            .Select(i => new LoadUser($"load-{i:00}", $"amber-glacier-violin-{i * 7919 % 9973:0000}-tundra"))
            .ToList();
}
