using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Funding;
using Portcullis.Ledger.Journal;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class WithdrawalConfiguration : IEntityTypeConfiguration<Withdrawal>
{
    public void Configure(EntityTypeBuilder<Withdrawal> builder)
    {
        builder.ToTable("ledger_withdrawals");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.IdempotencyKey).HasMaxLength(128);
        builder.HasIndex(w => new { w.AccountId, w.IdempotencyKey }).IsUnique();
        builder.HasIndex(w => new { w.AccountId, w.RequestedAt });
        builder.Property(w => w.Currency).HasMaxLength(3);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(w => w.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Destination>().WithMany().HasForeignKey(w => w.DestinationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(w => w.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
