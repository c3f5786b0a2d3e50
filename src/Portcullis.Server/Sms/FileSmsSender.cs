using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Results;
using Portcullis.Storage;

namespace Portcullis.Server.Sms;

/// <summary>
/// Development sender: appends each message to <c>&lt;DataDirectory&gt;/sms-outbox.log</c> (mode 0600), one line
/// per message: time, recipient, text, tab-separated. The file holds live codes: never use it in production.
/// The log only says that a message was written, never its text.
/// </summary>
public sealed class FileSmsSender(IOptions<StorageOptions> storage, TimeProvider time, ILogger<FileSmsSender> logger) : ISmsSender, IDisposable
{
    public const string FileName = "sms-outbox.log";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path => System.IO.Path.Combine(storage.Value.DataDirectory, FileName);

    public async Task<Result> SendAsync(string e164, string message, CancellationToken cancellationToken)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}\t{e164}\t{message.ReplaceLineEndings(" ")}\n");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(storage.Value.DataDirectory);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(Path, options))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
            }

            if (!OperatingSystem.IsWindows())
            {
                // A file created by someone else keeps its mode on open: tighten it every time.
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            logger.LogInformation("SMS to {Recipient} written to the development outbox {Path}", PhoneNumber.Mask(e164), Path);
            return Result.Success();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("SMS to {Recipient} could not be written to {Path}: {Error}", PhoneNumber.Mask(e164), Path, ex.GetType().Name);
            return SmsErrors.DeliveryFailed() with { Reason = "outbox_unwritable" };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
