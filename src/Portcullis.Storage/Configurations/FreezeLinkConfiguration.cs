using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Notifications;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class FreezeLinkConfiguration : IEntityTypeConfiguration<FreezeLink>
{
    public void Configure(EntityTypeBuilder<FreezeLink> builder)
    {
        builder.ToTable("freeze_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TokenHash).HasMaxLength(32);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.EventId);
        builder.Property(l => l.UsedFromIp).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
