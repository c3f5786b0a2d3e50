using System.Net;
using Portcullis.Core.Devices;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>One attempt to prove a password for a username (which may not exist).</summary>
/// <param name="NormalizedUsername">The username as typed, normalised.</param>
/// <param name="User">The user, or <c>null</c> when no such user exists (the attempt costs the same).</param>
/// <param name="Device">The recognised device of this user the attempt comes from, if any.</param>
/// <param name="Ip">The source address.</param>
/// <param name="Password">The password as typed.</param>
public sealed record PasswordAttempt(string NormalizedUsername, User? User, Device? Device, IPAddress? Ip, string Password)
{
    /// <summary>Attempts from a recognised device count against that device, not the username.</summary>
    public string PrimaryKey => Device is null ? ThrottleKeys.ForUsername(NormalizedUsername) : ThrottleKeys.ForDevice(Device.Id);

    /// <summary>
    /// A new password to hash once this one is verified (a password change), in the same place in the hashing queue, so
    /// that a verified attempt never has to queue again, and can never be answered "busy" after its charge, for its second hash.
    /// </summary>
    public string? Replacement { get; init; }

    /// <summary>Recognised devices are not held back by failures from the network they share with others.</summary>
    public string? NetworkKey => Device is null ? ThrottleKeys.ForNetwork(Ip) : null;

    public override string ToString() => $"PasswordAttempt {{ User = {NormalizedUsername}, Device = {Device?.Id} }}";
}
