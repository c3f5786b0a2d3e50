using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Notifications;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Url).HasMaxLength(2048);
        builder.Property(w => w.Description).HasMaxLength(128);
        builder.Property(w => w.EventTypes).HasMaxLength(2048);
        builder.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.UserId);
    }
}
