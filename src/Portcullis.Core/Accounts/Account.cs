namespace Portcullis.Core.Accounts;

/// <summary>A trading account, with the legal entity and jurisdiction that hold its assets.</summary>
public sealed class Account
{
    public required Guid Id { get; init; }

    /// <summary>The account number shown to people, e.g. <c>PC-100001</c>; unique.</summary>
    public required string Number { get; init; }

    public required string Name { get; set; }

    /// <summary>The legal entity that holds the account's assets, e.g. "Portcullis Securities LLC".</summary>
    public required string LegalEntity { get; init; }

    /// <summary>ISO 3166 code of the jurisdiction, e.g. "US".</summary>
    public required string Jurisdiction { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
