using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class LedgerCounterConfiguration : IEntityTypeConfiguration<LedgerCounter>
{
    public void Configure(EntityTypeBuilder<LedgerCounter> builder)
    {
        builder.ToTable("ledger_counters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(32);
        builder.HasData(new LedgerCounter { Name = LedgerCounter.Fills, Value = 0 });
    }
}
