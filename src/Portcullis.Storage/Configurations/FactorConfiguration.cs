using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class FactorConfiguration : IEntityTypeConfiguration<Factor>
{
    public void Configure(EntityTypeBuilder<Factor> builder)
    {
        builder.ToTable("factors");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Name).HasMaxLength(64);
        builder.Property(f => f.CredentialId).HasMaxLength(1024);
        builder.HasIndex(f => f.CredentialId).IsUnique();
        builder.Property(f => f.PublicKey).HasMaxLength(1024);
        builder.Property(f => f.SecretCiphertext).HasMaxLength(256);
        builder.Property(f => f.Phone).HasMaxLength(32);
        builder.Property(f => f.Transports).HasMaxLength(128);
        builder.Property(f => f.AttestationFormat).HasMaxLength(32);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(f => f.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.UserId, f.Status });
        builder.HasIndex(f => f.DeviceId);
        builder.Ignore(f => f.Class);
        builder.Ignore(f => f.IsActive);
    }
}
