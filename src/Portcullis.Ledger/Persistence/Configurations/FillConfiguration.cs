using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class FillConfiguration : IEntityTypeConfiguration<Fill>
{
    public void Configure(EntityTypeBuilder<Fill> builder)
    {
        builder.ToTable("ledger_fills");
        builder.HasKey(f => f.Sequence);
        builder.Property(f => f.Sequence).ValueGeneratedNever();
        builder.HasIndex(f => f.Id).IsUnique();
        builder.HasIndex(f => new { f.AccountId, f.Sequence });
        builder.Property(f => f.Symbol).HasMaxLength(32);
        builder.Property(f => f.Side).HasMaxLength(8);
        builder.Property(f => f.Currency).HasMaxLength(3);
        builder.HasOne<Order>().WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(f => f.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
