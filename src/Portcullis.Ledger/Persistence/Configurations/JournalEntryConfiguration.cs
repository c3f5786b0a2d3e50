using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Journal;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("ledger_journal_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reference).HasMaxLength(200);
        builder.HasIndex(e => e.Reference).IsUnique();
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Description).HasMaxLength(500);
        builder.HasIndex(e => new { e.AccountId, e.PostedAt });
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
