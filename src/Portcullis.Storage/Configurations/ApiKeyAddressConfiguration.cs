using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Configurations;

internal sealed class ApiKeyAddressConfiguration : IEntityTypeConfiguration<ApiKeyAddress>
{
    public void Configure(EntityTypeBuilder<ApiKeyAddress> builder)
    {
        builder.ToTable("api_key_addresses");
        builder.HasKey(a => new { a.ApiKeyId, a.Ip });
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(a => a.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
