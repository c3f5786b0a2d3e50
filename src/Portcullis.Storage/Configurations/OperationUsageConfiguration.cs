using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Policy;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Configurations;

internal sealed class OperationUsageConfiguration : IEntityTypeConfiguration<OperationUsage>
{
    public void Configure(EntityTypeBuilder<OperationUsage> builder)
    {
        builder.ToTable("operation_usage");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Operation).HasMaxLength(64);
        builder.Property(u => u.Amount).HasPrecision(28, 8);
        builder.Property(u => u.Notional).HasPrecision(28, 8);
        builder.HasOne<User>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.UserId, u.At });
        builder.HasIndex(u => u.At);
    }
}
