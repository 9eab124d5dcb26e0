using Coordination.Workflows.Identity;

namespace Coordination.Workflows.Inspections.Tasks;

/// <summary>
/// A piece of inspection work for one agency of one municipality, with a deadline. Unanswered
/// tasks are reminded, then escalated to the agency's managers (<see cref="EscalatedAt"/>).
/// Each save raises its <see cref="Version"/>: two answers, or an answer and a replanning, at the
/// same moment cannot both be saved; the later is refused (409) or, in a workflow, retried. A
/// reminder or an escalation recorded by its workflow is bookkeeping (<see cref="Persistence.UnversionedAttribute"/>):
/// an answer saved just after one is not refused.
/// </summary>
public sealed class InspectionTask : Persistence.IVersionedRecord
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>The agency whose staff does the task.</summary>
    public AgencyKind AgencyKind { get; set; }

    public InspectionTaskKind Kind { get; set; }

    public InspectionTaskStatus Status { get; set; } = InspectionTaskStatus.Open;

    public required string Title { get; set; }

    public Guid? RoundId { get; set; }

    public Guid? VenueId { get; set; }

    public Guid? VisitId { get; set; }

    public Guid? SupervisionCaseId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    [Persistence.Unversioned]
    public int Reminders { get; set; }

    [Persistence.Unversioned]
    public DateTimeOffset? LastRemindedAt { get; set; }

    /// <summary>When the task passed its deadline unanswered and went to the agency's managers.</summary>
    [Persistence.Unversioned]
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>For a declined or re-timed participation: the other start the agency proposed.</summary>
    public DateTimeOffset? ProposedStart { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsOpen => Status == InspectionTaskStatus.Open;

    public static InspectionTask Create(Guid municipalityId, AgencyKind agency, InspectionTaskKind kind, string title, DateTimeOffset now, DateTimeOffset? dueAt) => new()
    {
        Id = Guid.NewGuid(),
        MunicipalityId = municipalityId,
        AgencyKind = agency,
        Kind = kind,
        Title = title,
        CreatedAt = now,
        DueAt = dueAt,
    };

    public void Complete(InspectionTaskStatus status, DateTimeOffset at)
    {
        Status = status;
        CompletedAt = at;
    }
}
