using Portcullis.Core.Accounts;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A trading account the user belongs to, and the user's role in it.</summary>
public sealed record AccountView(Guid Id, string Number, string Name, string LegalEntity, string Jurisdiction, AccountRole Role);
