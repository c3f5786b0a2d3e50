using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class SignInFlowConfiguration : IEntityTypeConfiguration<SignInFlow>
{
    public void Configure(EntityTypeBuilder<SignInFlow> builder)
    {
        builder.ToTable("signin_flows");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.HandleHash).HasMaxLength(32);
        builder.HasIndex(f => f.HandleHash).IsUnique();
        builder.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Client).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.ChallengeKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.DeviceName).HasMaxLength(64);
        builder.Property(f => f.Ip).HasMaxLength(64);
        builder.Property(f => f.UserAgent).HasMaxLength(256);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.ExpiresAt);
    }
}
