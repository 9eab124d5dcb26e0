using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Requests;

internal sealed class IdempotentRequestMap : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.ToTable("IdempotentRequests");
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequest.KeyMaxLength);
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Target).HasMaxLength(IdempotentRequest.TargetMaxLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.Property(r => r.Access).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(256);
        builder.Property(r => r.Location).HasMaxLength(IdempotentRequest.TargetMaxLength);
        builder.HasIndex(r => r.StartedAt);
    }
}
