namespace Portcullis.Server.Api.Contracts;

/// <summary>The anti-phishing phrase to print in every email.</summary>
public sealed record PhraseBody(string? Phrase);
