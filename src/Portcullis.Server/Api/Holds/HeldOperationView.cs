using System.Text.Json;
using Portcullis.Core.Holds;

namespace Portcullis.Server.Api.Holds;

/// <summary>
/// A held operation as its initiator sees it. <c>number</c> (shown while pending) is the number to compare with the one
/// picked on the authenticator; <c>result</c> is the executed operation's result, <c>error</c> why it did not run.
/// </summary>
public sealed record HeldOperationView(
    Guid Id,
    string Status,
    string Operation,
    string Summary,
    int? Number,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? ExecutedAt,
    JsonElement? Result,
    string? Error)
{
    public static HeldOperationView From(HeldOperation h) => new(
        h.Id, StatusName(h.Status), h.Operation, h.Summary, h.Status == HeldOperationStatus.Pending ? h.Number : null, h.CreatedAt, h.ExpiresAt,
        h.DecidedAt, h.ExecutedAt, Parse(h.ResultJson), h.ErrorCode);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Wire names: <c>pending</c>, <c>executed</c>, <c>denied</c>, <c>expired</c>, <c>cancelled</c>, <c>failed</c>.</summary>
    public static string StatusName(HeldOperationStatus status) => status switch
    {
        HeldOperationStatus.Pending => "pending",
        HeldOperationStatus.Executed => "executed",
        HeldOperationStatus.Denied => "denied",
        HeldOperationStatus.Expired => "expired",
        HeldOperationStatus.Cancelled => "cancelled",
        _ => "failed",
    };
}
