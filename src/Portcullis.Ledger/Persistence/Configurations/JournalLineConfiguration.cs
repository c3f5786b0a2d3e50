using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Journal;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> builder)
    {
        builder.ToTable("ledger_journal_lines");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Book).HasMaxLength(16);
        builder.Property(l => l.Asset).HasMaxLength(32);
        builder.HasIndex(l => new { l.EntryId, l.LineNo }).IsUnique();
        builder.HasIndex(l => l.AccountId);
    }
}
