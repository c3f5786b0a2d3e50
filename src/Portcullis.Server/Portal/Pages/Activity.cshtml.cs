using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// The activity log: the user's own security and trading events from the audit log (rows where the user is the actor or
/// the subject), newest first, in words, a page at a time by keyset, filtered by words in the type or data and by date.
/// Asks the policy for <c>activity_report.read</c>, the operation the API's activity report (built from the same rows) asks for.
/// </summary>
public sealed class ActivityModel(IGateStore store) : PortalPageModel
{
    public const int PageSize = 25;

    /// <summary>Words to look for in the event type or its data.</summary>
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    /// <summary>First day shown (UTC, yyyy-mm-dd).</summary>
    [FromQuery(Name = "from")]
    public string? FromDay { get; set; }

    /// <summary>Last day shown (UTC, yyyy-mm-dd, inclusive).</summary>
    [FromQuery(Name = "to")]
    public string? ToDay { get; set; }

    /// <summary>The sequence of the last row of the previous page.</summary>
    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    /// <summary>The link to the next (older) page, or <c>null</c> on the last.</summary>
    public string? OlderLink { get; private set; }

    public string? Refused { get; private set; }

    public string? FromError { get; private set; }

    public string? ToError { get; private set; }

    public string Viewer { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ShowSignedIn(current, "activity");
        Viewer = Actors.User(current.User.Id);
        if (await RefusedAsync(current, Operations.ActivityReportRead) is { } refused)
        {
            Refused = refused;
            return Page();
        }

        var from = ParseDay(FromDay, "from", out var fromError);
        var to = ParseDay(ToDay, "to", out var toError);
        FromError = fromError;
        ToError = toError;
        if (FromError is not null || ToError is not null)
        {
            return Page();
        }

        if (from is not null && to is not null && to < from)
        {
            ToError = "The last day is before the first day. Choose a last day on or after the first.";
            return Page();
        }

        await using var unit = await store.OpenAsync(HttpContext.RequestAborted);
        var rows = await unit.Audit.ListPageAsync(new AuditPageQuery
        {
            UserId = current.User.Id,
            Before = Before,
            Text = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
            From = from,
            To = to?.AddDays(1),
            Limit = PageSize + 1,
        }, HttpContext.RequestAborted);
        Events = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            OlderLink = QueryString.Create(new Dictionary<string, string?>
            {
                ["q"] = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
                ["from"] = FromDay,
                ["to"] = ToDay,
                ["before"] = Events[^1].Sequence.ToString(CultureInfo.InvariantCulture),
            }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
        }

        return Page();
    }

    private static DateTimeOffset? ParseDay(string? text, string field, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        error = $"The {(field == "from" ? "first" : "last")} day is not a date. Write it as year-month-day, e.g. 2026-11-02.";
        return null;
    }
}
