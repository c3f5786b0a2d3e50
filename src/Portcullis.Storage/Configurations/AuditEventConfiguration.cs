using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Audit;

namespace Portcullis.Storage.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(80);
        builder.Property(e => e.Subject).HasMaxLength(80);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(32);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.HasIndex(e => e.Subject);
        builder.HasIndex(e => e.Actor);
    }
}
