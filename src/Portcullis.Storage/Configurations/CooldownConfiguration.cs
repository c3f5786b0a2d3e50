using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class CooldownConfiguration : IEntityTypeConfiguration<Cooldown>
{
    public void Configure(EntityTypeBuilder<Cooldown> builder)
    {
        builder.ToTable("cooldowns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(32);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.UserId, c.StartedAt });
    }
}
