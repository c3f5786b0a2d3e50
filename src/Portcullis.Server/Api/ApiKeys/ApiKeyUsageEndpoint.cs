using System.Globalization;
using Portcullis.Core.ApiKeys;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;

namespace Portcullis.Server.Api.ApiKeys;

/// <summary>
/// <c>GET /api/v1/api-keys/{id}/usage?limit=50&amp;before=…</c>: a page of the owner's key's usage log, newest first
/// (docs/api-keys.md "Usage log"). Another user's key is <c>apikey.not_found</c>, as a missing one.
/// </summary>
internal static class ApiKeyUsageEndpoint
{
    public static async Task<IResult> ListAsync(Guid id, string? limit, string? before, HttpContext http, ApiKeyUsageService usage,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = ApiKeyUsageService.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) ||
                                  size is < 1 or > ApiKeyUsageService.MaxPageSize))
        {
            errors["limit"] = [$"Give a whole number from 1 to {ApiKeyUsageService.MaxPageSize}."];
        }

        long? cursor = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                cursor = value;
            }
            else
            {
                errors["before"] = ["Give the \"next\" value of the previous page."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await usage.ListAsync(http.CurrentSession().User.Id, id, cursor, size, cancellationToken);
        if (!page.IsSuccess)
        {
            return Problems.From(page.Error);
        }

        return TypedResults.Ok(new
        {
            items = page.Value.Items.Select(ApiKeyUsageEntryView.From).ToList(),
            next = page.Value.Next?.ToString(CultureInfo.InvariantCulture),
        });
    }
}
