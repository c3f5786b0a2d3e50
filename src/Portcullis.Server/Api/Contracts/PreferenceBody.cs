namespace Portcullis.Server.Api.Contracts;

/// <summary>One choice: an event type, a channel (<c>email</c>, <c>sms</c>, <c>webhook</c>), on or off.</summary>
public sealed record PreferenceBody(string? Type, string? Channel, bool? Enabled);
