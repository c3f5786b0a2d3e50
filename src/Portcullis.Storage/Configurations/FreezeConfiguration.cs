using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class FreezeConfiguration : IEntityTypeConfiguration<Freeze>
{
    public void Configure(EntityTypeBuilder<Freeze> builder)
    {
        builder.ToTable("freezes");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Capabilities).HasConversion<int>();
        builder.Property(f => f.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.SetBy).HasMaxLength(80);
        builder.Property(f => f.Reason).HasMaxLength(200);
        builder.Property(f => f.LiftedBy).HasMaxLength(80);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.UserId, f.LiftedAt });
    }
}
