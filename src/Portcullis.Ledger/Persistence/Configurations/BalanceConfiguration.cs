using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Ledger.Accounts;

namespace Portcullis.Ledger.Persistence.Configurations;

internal sealed class BalanceConfiguration : IEntityTypeConfiguration<Balance>
{
    public void Configure(EntityTypeBuilder<Balance> builder)
    {
        builder.ToTable("ledger_balances");
        builder.HasKey(b => new { b.AccountId, b.Kind, b.Asset });
        builder.Property(b => b.Kind).HasMaxLength(16);
        builder.Property(b => b.Asset).HasMaxLength(32);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
