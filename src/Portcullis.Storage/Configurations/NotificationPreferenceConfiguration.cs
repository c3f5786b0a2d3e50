using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Notifications;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => new { p.UserId, p.Type, p.Channel });
        builder.Property(p => p.Type).HasMaxLength(64);
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
