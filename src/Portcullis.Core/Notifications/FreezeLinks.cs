using System.Text;
using Portcullis.Core.Persistence;
using Portcullis.Core.Secrets;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Notifications;

/// <summary>
/// Makes the "this wasn't me" link of an event's emails and reads it back for each attempt. The token is
/// stored hashed (for lookup when it is used) and encrypted (so that a retried email carries the same link).
/// Using a link is <c>FreezeLinkService</c>'s job.
/// </summary>
public static class FreezeLinks
{
    public const string Purpose = "freeze-link";

    /// <summary>The path under the gate's public address; the token follows it.</summary>
    public const string PathPrefix = "/wasnt-me/";

    /// <summary>Adds a link for <paramref name="notification"/> to <paramref name="unit"/>.</summary>
    public static FreezeLink Create(IGateUnit unit, ISecretProtector protector, NotificationEvent notification, TimeSpan lifetime,
        DateTimeOffset now)
    {
        var token = SessionToken.NewFreezeLinkToken();
        var link = new FreezeLink
        {
            Id = Guid.CreateVersion7(now),
            UserId = notification.UserId,
            EventId = notification.Id,
            TokenHash = SessionToken.Hash(token),
            TokenCiphertext = protector.Protect(Encoding.UTF8.GetBytes(token), Purpose),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        unit.NotificationSettings.AddFreezeLink(link);
        return link;
    }

    /// <summary>The link's URL under <paramref name="publicBase"/>; null when the token cannot be decrypted (key ring changed).</summary>
    public static Uri? Url(FreezeLink link, ISecretProtector protector, Uri publicBase)
    {
        var token = protector.Unprotect(link.TokenCiphertext, Purpose);
        return token is null ? null : new Uri(publicBase, PathPrefix + Encoding.UTF8.GetString(token));
    }
}
