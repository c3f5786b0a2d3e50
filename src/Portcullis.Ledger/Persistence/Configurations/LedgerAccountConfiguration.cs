using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Accounts;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.ToTable("ledger_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.BaseCurrency).HasMaxLength(3);
        builder.Property(a => a.LegalEntity).HasMaxLength(200);
        builder.Property(a => a.Jurisdiction).HasMaxLength(64);
        builder.Property(a => a.MarginMode).HasMaxLength(16);
    }
}
