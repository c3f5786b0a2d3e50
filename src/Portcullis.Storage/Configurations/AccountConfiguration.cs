using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Accounts;

namespace Portcullis.Storage.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Number).HasMaxLength(32);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.LegalEntity).HasMaxLength(200);
        builder.Property(a => a.Jurisdiction).HasMaxLength(8);
    }
}
