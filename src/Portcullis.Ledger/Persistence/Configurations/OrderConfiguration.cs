using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("ledger_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(o => new { o.AccountId, o.IdempotencyKey }).IsUnique();
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        builder.Property(o => o.Symbol).HasMaxLength(32);
        builder.Property(o => o.Side).HasMaxLength(8);
        builder.Property(o => o.Type).HasMaxLength(16);
        builder.Property(o => o.TimeInForce).HasMaxLength(8);
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.Property(o => o.RejectCode).HasMaxLength(64);
        builder.HasIndex(o => o.Status);
        builder.HasIndex(o => new { o.AccountId, o.CreatedAt });
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(o => o.Symbol).OnDelete(DeleteBehavior.Restrict);
    }
}
