using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Devices;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ToTable("devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(64);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.TokenHash).HasMaxLength(32);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.Property(d => d.LastIp).HasMaxLength(64);
        builder.Property(d => d.Platform).HasMaxLength(128);
        builder.Property(d => d.Trust).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.UserId);
        builder.Ignore(d => d.IsActive);
    }
}
