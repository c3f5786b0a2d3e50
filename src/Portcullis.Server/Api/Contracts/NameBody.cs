namespace Portcullis.Server.Api.Contracts;

/// <summary>A name for a factor or device.</summary>
public sealed record NameBody(string? Name);
