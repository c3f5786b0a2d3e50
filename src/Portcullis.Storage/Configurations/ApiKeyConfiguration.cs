using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.KeyId).HasMaxLength(32);
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.Property(k => k.Name).HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.PublicKey).HasMaxLength(512);
        builder.Property(k => k.SecretCiphertext).HasMaxLength(256);
        builder.Property(k => k.Permissions).HasConversion<int>();
        List(builder.Property(k => k.AssetClasses));
        List(builder.Property(k => k.Markets));
        List(builder.Property(k => k.Symbols));
        List(builder.Property(k => k.OrderTypes));
        List(builder.Property(k => k.IpAllowlist));
        builder.Property(k => k.MaxOrderNotional).HasPrecision(28, 8);
        builder.Property(k => k.MaxDailyNotional).HasPrecision(28, 8);
        builder.Property(k => k.RevokedBy).HasMaxLength(64);
        builder.Property(k => k.LastUsedIp).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.UserId);
    }

    /// <summary>A short list of names stored as a JSON array (never queried inside).</summary>
    private static void List(PropertyBuilder<IReadOnlyList<string>> property) =>
        property.HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>(),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                    v => v.ToList()))
            .HasMaxLength(4096);
}
