using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Notifications;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class NotificationEventConfiguration : IEntityTypeConfiguration<NotificationEvent>
{
    public void Configure(EntityTypeBuilder<NotificationEvent> builder)
    {
        builder.ToTable("notification_events");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Type).HasMaxLength(64);
        builder.Property(n => n.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Summary).HasMaxLength(512);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasIndex(n => new { n.FannedOutAt, n.CreatedAt });
    }
}
