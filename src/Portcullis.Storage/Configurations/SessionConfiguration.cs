using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Devices;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TokenHash).HasMaxLength(32);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Property(s => s.Client).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Ip).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.Property(s => s.RevokedReason).HasMaxLength(64);
        builder.Property(s => s.IdleTimeout).HasConversion<long>();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(s => s.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasMany(s => s.Authentications).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Authentications).AutoInclude();
        builder.Ignore(s => s.IdleExpiresAt);
        builder.Ignore(s => s.ExpiresAt);
        builder.Ignore(s => s.LastAuthentication);
        builder.Ignore(s => s.Assurance);
    }
}
