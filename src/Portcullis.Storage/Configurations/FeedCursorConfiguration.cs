using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Configurations;

internal sealed class FeedCursorConfiguration : IEntityTypeConfiguration<FeedCursor>
{
    public void Configure(EntityTypeBuilder<FeedCursor> builder)
    {
        builder.ToTable("feed_cursors");
        builder.HasKey(c => c.Feed);
        builder.Property(c => c.Feed).HasMaxLength(64);
    }
}
