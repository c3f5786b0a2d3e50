using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class TrustedNetworkConfiguration : IEntityTypeConfiguration<TrustedNetwork>
{
    public void Configure(EntityTypeBuilder<TrustedNetwork> builder)
    {
        builder.ToTable("trusted_networks");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Cidr).HasMaxLength(64);
        builder.Property(n => n.Label).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.UserId, n.Cidr }).IsUnique();
    }
}
