using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Username).HasMaxLength(64);
        builder.HasIndex(u => u.Username).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.AntiPhishingPhrase).HasMaxLength(64);
        builder.Property(u => u.ReportFrequency).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(u => u.IsActive);

        // Written only by the store's triggers (the migrations "SecurityVersion"): never by EF Core, on insert or update.
        var version = builder.Property(u => u.SecurityVersion).HasDefaultValue(0L).Metadata;
        version.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        version.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
