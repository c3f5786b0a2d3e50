using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Storage.Configurations;

internal sealed class SeenNonceConfiguration : IEntityTypeConfiguration<SeenNonce>
{
    public void Configure(EntityTypeBuilder<SeenNonce> builder)
    {
        builder.ToTable("seen_nonces");
        builder.HasKey(n => new { n.Scope, n.Nonce });
        builder.Property(n => n.Scope).HasMaxLength(64);
        builder.Property(n => n.Nonce).HasMaxLength(128);
        builder.HasIndex(n => n.ExpiresAt);
    }
}
