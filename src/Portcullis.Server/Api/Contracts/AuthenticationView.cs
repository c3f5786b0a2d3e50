namespace Portcullis.Server.Api.Contracts;

/// <summary>One authentication event recorded on a session.</summary>
public sealed record AuthenticationView(string Method, DateTimeOffset At, Guid? DeviceId);
