using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Configurations;

internal sealed class ApiKeyUsageConfiguration : IEntityTypeConfiguration<ApiKeyUsage>
{
    public void Configure(EntityTypeBuilder<ApiKeyUsage> builder)
    {
        builder.ToTable("api_key_usage");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedOnAdd();
        builder.Property(u => u.Ip).HasMaxLength(64);
        builder.Property(u => u.Method).HasMaxLength(16);
        builder.Property(u => u.Path).HasMaxLength(ApiKeyUsage.MaxPathLength);
        builder.Property(u => u.Operation).HasMaxLength(64);
        builder.Property(u => u.Code).HasMaxLength(64);
        builder.Property(u => u.Notional).HasPrecision(28, 8);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(u => u.ApiKeyId).OnDelete(DeleteBehavior.Cascade);

        // The log pages by id per key; the daily notional sums a key's last 24 hours; retention prunes by time.
        builder.HasIndex(u => new { u.ApiKeyId, u.Id });
        builder.HasIndex(u => new { u.ApiKeyId, u.At });
        builder.HasIndex(u => u.At);
    }
}
