using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Sessions;

namespace Portcullis.Storage.Configurations;

internal sealed class SessionAuthenticationConfiguration : IEntityTypeConfiguration<SessionAuthentication>
{
    public void Configure(EntityTypeBuilder<SessionAuthentication> builder)
    {
        builder.ToTable("session_authentications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Method).HasMaxLength(32);
        builder.Property(a => a.Class).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => a.SessionId);
    }
}
