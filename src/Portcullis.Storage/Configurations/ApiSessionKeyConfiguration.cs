using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Configurations;

internal sealed class ApiSessionKeyConfiguration : IEntityTypeConfiguration<ApiSessionKey>
{
    public void Configure(EntityTypeBuilder<ApiSessionKey> builder)
    {
        builder.ToTable("api_session_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.KeyId).HasMaxLength(32);
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.Property(k => k.SecretCiphertext).HasMaxLength(256);
        builder.Property(k => k.BoundIp).HasMaxLength(64);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(k => k.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.ApiKeyId);
    }
}
