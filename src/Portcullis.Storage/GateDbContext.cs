using System.Text;
using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Holds;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;

namespace Portcullis.Storage;

/// <summary>
/// The gate's EF Core model, shared by both providers. Each provider has its own subclass so that it keeps
/// its own migrations (<c>Sqlite/Migrations</c>, <c>Postgres/Migrations</c>). Tables and columns are snake_case.
/// </summary>
public abstract class GateDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountMember> AccountMembers => Set<AccountMember>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<SessionAuthentication> SessionAuthentications => Set<SessionAuthentication>();

    public DbSet<ThrottleCounter> ThrottleCounters => Set<ThrottleCounter>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<Factor> Factors => Set<Factor>();

    public DbSet<SignInFlow> SignInFlows => Set<SignInFlow>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<PushChallenge> PushChallenges => Set<PushChallenge>();

    public DbSet<PendingChallenge> PendingChallenges => Set<PendingChallenge>();

    public DbSet<NotificationEvent> NotificationEvents => Set<NotificationEvent>();

    public DbSet<NotificationContact> NotificationContacts => Set<NotificationContact>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<FreezeLink> FreezeLinks => Set<FreezeLink>();

    // Protection: freezes, settings lock, cool-downs, trusted networks
    public DbSet<Core.Protection.Freeze> Freezes => Set<Core.Protection.Freeze>();

    public DbSet<Core.Protection.SettingsLock> SettingsLocks => Set<Core.Protection.SettingsLock>();

    public DbSet<Core.Protection.Cooldown> Cooldowns => Set<Core.Protection.Cooldown>();

    public DbSet<Core.Protection.TrustedNetwork> TrustedNetworks => Set<Core.Protection.TrustedNetwork>();

    public DbSet<HeldOperation> HeldOperations => Set<HeldOperation>();

    public DbSet<Core.Policy.OperationUsage> OperationUsage => Set<Core.Policy.OperationUsage>();

    public DbSet<Core.ApiKeys.ApiKey> ApiKeys => Set<Core.ApiKeys.ApiKey>();

    public DbSet<Core.ApiKeys.SeenNonce> SeenNonces => Set<Core.ApiKeys.SeenNonce>();

    public DbSet<Core.ApiKeys.ApiSessionKey> ApiSessionKeys => Set<Core.ApiKeys.ApiSessionKey>();
    public DbSet<Core.ApiKeys.ApiKeyUsage> ApiKeyUsage => Set<Core.ApiKeys.ApiKeyUsage>();

    public DbSet<Core.ApiKeys.ApiKeyAddress> ApiKeyAddresses => Set<Core.ApiKeys.ApiKeyAddress>();

    public DbSet<FeedCursor> FeedCursors => Set<FeedCursor>();

    /// <summary>SQL that reads the audit head's <c>sequence</c> and <c>hash</c>, locked until the transaction ends.</summary>
    internal abstract string LockAuditHeadSql { get; }

    /// <summary>Adds a timestamp parameter stored as this provider's model stores it.</summary>
    internal abstract void AddTime(System.Data.Common.DbCommand command, string name, DateTimeOffset? value);

    /// <summary>Reads a timestamp column written as <see cref="AddTime"/> writes it.</summary>
    internal abstract DateTimeOffset? ReadTime(System.Data.Common.DbDataReader reader, int ordinal);

    /// <summary>Adds an identifier parameter stored as this provider's model stores it.</summary>
    internal abstract void AddGuid(System.Data.Common.DbCommand command, string name, Guid? value);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GateDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
