using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Factors;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class PendingChallengeConfiguration : IEntityTypeConfiguration<PendingChallenge>
{
    public void Configure(EntityTypeBuilder<PendingChallenge> builder)
    {
        builder.ToTable("pending_challenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.LookupHash).HasMaxLength(32);
        builder.HasIndex(c => c.LookupHash).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
