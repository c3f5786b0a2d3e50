using Portcullis.Core.Sessions;

namespace Portcullis.Server.Api.Contracts;

/// <summary>One authentication event recorded on a session.</summary>
public sealed record AuthenticationView(string Method, DateTimeOffset At, Guid? DeviceId, Guid? FactorId, string? Class)
{
    public static AuthenticationView From(SessionAuthentication a) =>
        new(a.Method, a.At, a.DeviceId, a.FactorId, a.Class is { } c ? FactorView.ClassName(c) : null);
}
