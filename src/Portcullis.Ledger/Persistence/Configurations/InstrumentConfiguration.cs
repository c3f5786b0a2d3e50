using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Instruments;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> builder)
    {
        builder.ToTable("ledger_instruments");
        builder.HasKey(i => i.Symbol);
        builder.Property(i => i.Symbol).HasMaxLength(32);
        builder.Property(i => i.AssetClass).HasMaxLength(16);
        builder.Property(i => i.Market).HasMaxLength(32);
        builder.Property(i => i.Currency).HasMaxLength(3);
    }
}
