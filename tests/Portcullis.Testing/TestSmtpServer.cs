using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Portcullis.Testing;

/// <summary>
/// A real SMTP server in the test process (the <c>SmtpServer</c> package) on a free loopback port. It keeps every
/// accepted message (parsed with MimeKit), can refuse recipients with a chosen reply (451 to test retries, 550 to
/// test giving up) and can require a username and password.
/// <code>
/// await using var smtp = await TestSmtpServer.StartAsync();
/// // configure Notifications:Email:Smtp:Host = 127.0.0.1, Port = smtp.Port, Security = none
/// var messages = await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
/// </code>
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _signalLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SmtpServerHost? _server;
    private Task? _running;

    private TestSmtpServer(string? username, string? password)
    {
        Username = username;
        Password = password;
    }

    public int Port { get; private set; }

    public string Host => "127.0.0.1";

    /// <summary>When set, only this username and <see cref="Password"/> may authenticate (AUTH PLAIN/LOGIN over plain text).</summary>
    public string? Username { get; }

    public string? Password { get; }

    /// <summary>Every accepted message, in order.</summary>
    public IReadOnlyList<ReceivedEmail> Messages => _messages.ToArray();

    /// <summary>
    /// When set (e.g. 451 or 550), every <c>RCPT TO</c> is answered with this code instead of being accepted;
    /// null (default) accepts everyone.
    /// </summary>
    public int? RefuseRecipientsWith { get; set; }

    /// <summary>Configuration overrides that point a gate's email channel at this server.</summary>
    public IReadOnlyDictionary<string, string?> GateSettings => new Dictionary<string, string?>
    {
        ["Notifications:Email:Sink"] = "smtp",
        ["Notifications:Email:Smtp:Host"] = Host,
        ["Notifications:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Smtp:Security"] = "none",
        ["Notifications:Email:Smtp:Username"] = Username,
        ["Notifications:Email:Smtp:Password"] = Password,
    };

    public static async Task<TestSmtpServer> StartAsync(string? username = null, string? password = null)
    {
        var smtp = new TestSmtpServer(username, password);
        await smtp.StartCoreAsync();
        return smtp;
    }

    /// <summary>A loopback port nothing listens on (for "server down" tests); it may be taken by someone else later.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_signalLock)
            {
                changed = _changed.Task;
            }

            var messages = Messages;
            if (messages.Count >= count)
            {
                return messages;
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} email(s) within {timeout}; got {Messages.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server?.Shutdown();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // Stopping is how the server's loop ends.
            }
        }

        _stop.Dispose();
    }

    private async Task StartCoreAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = UnusedPort();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("localhost")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication())
                .Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(this));
            services.Add(new Filter(this));
            if (Username is not null)
            {
                services.Add(new Authenticator(this));
            }

            _server = new SmtpServerHost(options, services);
            _running = _server.StartAsync(_stop.Token);
            if (await ListeningAsync())
            {
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The test SMTP server did not start listening.");
            }

            // The port was taken between choosing and binding: pick another.
            _server.Shutdown();
        }
    }

    private async Task<bool> ListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (_running!.IsCompleted)
            {
                return false;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    private void Received(ReceivedEmail email)
    {
        _messages.Enqueue(email);
        lock (_signalLock)
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            var message = MimeMessage.Load(stream, cancellationToken);
            owner.Received(new ReceivedEmail(Address(transaction.From), transaction.To.Select(Address).ToList(), raw, message));
            return Task.FromResult(SmtpResponse.Ok);
        }

        private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
    }

    private sealed class Filter(TestSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (owner.RefuseRecipientsWith is { } code)
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code,
                    code >= 500 ? "5.1.1 mailbox unavailable" : "4.2.1 mailbox busy, try again later"));
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Authenticator(TestSmtpServer owner) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(string.Equals(user, owner.Username, StringComparison.Ordinal) && string.Equals(password, owner.Password, StringComparison.Ordinal));
    }
}
