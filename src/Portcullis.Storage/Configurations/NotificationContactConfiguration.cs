using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Notifications;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class NotificationContactConfiguration : IEntityTypeConfiguration<NotificationContact>
{
    public void Configure(EntityTypeBuilder<NotificationContact> builder)
    {
        builder.ToTable("notification_contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Address).HasMaxLength(320);
        builder.Property(c => c.Label).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.UserId, c.Channel, c.Address }).IsUnique();
    }
}
