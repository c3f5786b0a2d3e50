using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Storage;

namespace Portcullis.Server.Notifications.Email;

/// <summary>
/// Development sink: writes each message as <c>&lt;DataDirectory&gt;/&lt;Email:Directory&gt;/&lt;delivery id&gt;.eml</c>
/// (mode 0600; open it with any mail client). The file is written under a temporary name and renamed, so a crash
/// never leaves half a message, and a retry of the same delivery replaces its file instead of adding a second one.
/// The files hold live "this wasn't me" links: never use this sink in production.
/// </summary>
public sealed class FileEmailSender(IOptions<NotificationOptions> options, IOptions<StorageOptions> storage, ILogger<FileEmailSender> logger)
    : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    /// <summary>The folder the messages go to (an absolute <c>Email:Directory</c> is used as it is).</summary>
    public string Directory => Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, options.Value.Email.Directory));

    public string PathFor(Guid deliveryId) => Path.Combine(Directory, deliveryId.ToString("D") + ".eml");

    public async Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var (message, failure) = EmailMessage.Build(notification, options.Value.Email);
        if (message is null)
        {
            logger.LogWarning("Email delivery {DeliveryId} not written: {Error}", notification.Delivery.Id, failure!.Error);
            return failure;
        }

        using (message)
        {
            var path = PathFor(notification.Delivery.Id);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var stream = new FileStream(temporary, fileOptions))
                {
                    await message.WriteToAsync(stream, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
                logger.LogInformation("Email delivery {DeliveryId} ({EventType}) written to {Path}", notification.Delivery.Id,
                    notification.Event.Type, path);
                return DeliveryOutcome.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TryDelete(temporary);
                logger.LogWarning("Email delivery {DeliveryId} could not be written to {Path}: {Error}", notification.Delivery.Id, path,
                    ex.GetType().Name);
                return DeliveryOutcome.Retry($"file.unwritable: {Directory}: {ex.GetType().Name}");
            }
        }
    }

    private void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the partial email file {Path}: {Error}", temporary, ex.GetType().Name);
        }
    }
}
