namespace Portcullis.Server.Api.Contracts;

/// <summary>Turns the settings lock on: the delay, in days (1–30), between asking to unlock and being unlocked.</summary>
public sealed record SettingsLockBody(int? UnlockDelayDays);
