using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Concerns.Tasks;

internal sealed class AgencyTaskAnswerMap : IEntityTypeConfiguration<AgencyTaskAnswer>
{
    public void Configure(EntityTypeBuilder<AgencyTaskAnswer> builder)
    {
        builder.ToTable("AgencyTaskAnswers");
        builder.HasKey(a => a.TaskId);
        builder.Property(a => a.TaskId).ValueGeneratedNever();
    }
}
