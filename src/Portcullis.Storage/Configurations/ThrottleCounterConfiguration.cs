using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Configurations;

internal sealed class ThrottleCounterConfiguration : IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<ThrottleCounter> builder)
    {
        builder.ToTable("throttle_counters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(80);
    }
}
