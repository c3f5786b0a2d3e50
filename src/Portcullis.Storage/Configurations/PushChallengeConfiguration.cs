using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;

namespace Portcullis.Storage.Configurations;

internal sealed class PushChallengeConfiguration : IEntityTypeConfiguration<PushChallenge>
{
    public void Configure(EntityTypeBuilder<PushChallenge> builder)
    {
        builder.ToTable("push_challenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Choices).HasMaxLength(16);
        builder.Property(c => c.Nonce).HasMaxLength(32);
        builder.Property(c => c.Summary).HasMaxLength(256);
        builder.Property(c => c.RequestIp).HasMaxLength(64);
        builder.Property(c => c.RequestDevice).HasMaxLength(64);
        builder.Property(c => c.Location).HasMaxLength(128);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Factor>().WithMany().HasForeignKey(c => c.FactorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.DeviceId, c.Status });
        builder.HasIndex(c => new { c.UserId, c.Status });
    }
}
