using System.Text;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Funding;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Persistence;

/// <summary>
/// The ledger's EF Core model, shared by both providers; each provider's subclass keeps its own migrations. Tables are
/// prefixed <c>ledger_</c>, columns snake_case, and the history table is <c>__ledger_migrations</c>, so the ledger can
/// share a database with the gate without either touching the other's tables.
/// </summary>
public abstract class LedgerDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__ledger_migrations";

    internal DbSet<LedgerAccount> Accounts => Set<LedgerAccount>();

    internal DbSet<Balance> Balances => Set<Balance>();

    internal DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    internal DbSet<JournalLine> JournalLines => Set<JournalLine>();

    internal DbSet<Instrument> Instruments => Set<Instrument>();

    internal DbSet<Order> Orders => Set<Order>();

    internal DbSet<Fill> Fills => Set<Fill>();

    internal DbSet<LedgerCounter> Counters => Set<LedgerCounter>();

    internal DbSet<Destination> Destinations => Set<Destination>();

    internal DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();

    /// <summary>
    /// Serialises read-modify-write on one account until the transaction ends. SQLite: nothing to do, a write
    /// transaction already holds the database's single write lock (<c>BEGIN IMMEDIATE</c>). PostgreSQL:
    /// <c>SELECT … FOR UPDATE</c> on the account row.
    /// </summary>
    internal abstract Task LockAccountAsync(Guid accountId, CancellationToken cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(28, Money.Scale);
        configurationBuilder.Properties<AssetClass>().HaveConversion<WireNameConverter<AssetClass>>();
        configurationBuilder.Properties<MarginMode>().HaveConversion<WireNameConverter<MarginMode>>();
        configurationBuilder.Properties<BalanceKind>().HaveConversion<WireNameConverter<BalanceKind>>();
        configurationBuilder.Properties<JournalBook>().HaveConversion<WireNameConverter<JournalBook>>();
        configurationBuilder.Properties<OrderSide>().HaveConversion<WireNameConverter<OrderSide>>();
        configurationBuilder.Properties<OrderType>().HaveConversion<WireNameConverter<OrderType>>();
        configurationBuilder.Properties<TimeInForce>().HaveConversion<WireNameConverter<TimeInForce>>();
        configurationBuilder.Properties<OrderStatus>().HaveConversion<WireNameConverter<OrderStatus>>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LedgerDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
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
