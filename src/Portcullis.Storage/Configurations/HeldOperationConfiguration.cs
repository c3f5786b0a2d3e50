using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Holds;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class HeldOperationConfiguration : IEntityTypeConfiguration<HeldOperation>
{
    public void Configure(EntityTypeBuilder<HeldOperation> builder)
    {
        builder.ToTable("held_operations");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Operation).HasMaxLength(64);
        builder.Property(h => h.InitiatorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.InitiatorRef).HasMaxLength(64);
        builder.Property(h => h.PayloadJson).HasMaxLength(8192);
        builder.Property(h => h.Summary).HasMaxLength(256);
        builder.Property(h => h.Rule).HasMaxLength(128);
        builder.Property(h => h.Tier).HasMaxLength(128);
        builder.Property(h => h.SourceIp).HasMaxLength(64);
        builder.Property(h => h.Amount).HasPrecision(28, 8);
        builder.Property(h => h.Notional).HasPrecision(28, 8);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ResultJson).HasMaxLength(8192);
        builder.Property(h => h.ErrorCode).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.UserId, h.Status });

        // A held operation's challenges (one per authenticator) point at it.
        builder.HasMany<PushChallenge>().WithOne().HasForeignKey(c => c.HeldOperationId).OnDelete(DeleteBehavior.Restrict);
    }
}
