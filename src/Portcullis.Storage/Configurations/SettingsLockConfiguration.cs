using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class SettingsLockConfiguration : IEntityTypeConfiguration<SettingsLock>
{
    public void Configure(EntityTypeBuilder<SettingsLock> builder)
    {
        builder.ToTable("settings_locks");
        builder.HasKey(l => l.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<SettingsLock>(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
