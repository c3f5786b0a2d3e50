using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Portal.Pages.Operator;

/// <summary>
/// Operators: the audit log, newest first, a page at a time by keyset, with the chain's verification status computed as
/// <c>portcullis audit verify</c> does (<see cref="AuditVerifier.VerifyAsync"/> over every row and the head). Asks the
/// policy for <c>operator.audit.read</c>.
/// </summary>
public sealed class AuditModel(IGateStore store) : OperatorPageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public AuditVerification? Verification { get; private set; }

    public string? HeadHash { get; private set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public string? OlderLink { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        if (await RefusedAsync(current, Operations.OperatorAuditRead) is { } refused)
        {
            Error = refused;
            return Page();
        }

        await using var unit = await store.OpenAsync(HttpContext.RequestAborted);
        var head = await unit.Audit.GetHeadAsync(HttpContext.RequestAborted);
        Verification = await AuditVerifier.VerifyAsync(unit.Audit.ReadAllAsync(HttpContext.RequestAborted), head, HttpContext.RequestAborted);
        HeadHash = head is null ? null : Convert.ToHexStringLower(head.Hash)[..16];
        var text = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        var rows = await unit.Audit.ListPageAsync(new AuditPageQuery { Before = Before, Text = text, Limit = PageSize + 1 }, HttpContext.RequestAborted);
        Events = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            OlderLink = QueryString.Create(new Dictionary<string, string?>
            {
                ["q"] = text,
                ["before"] = Events[^1].Sequence.ToString(CultureInfo.InvariantCulture),
            }.Where(p => p.Value is not null)).ToUriComponent();
        }

        return Page();
    }
}
