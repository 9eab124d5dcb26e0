using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// The steps social services record on the concern itself, each of which a task of its own waits
/// for: the protective assessment and the feedback to the reporter. The step's chronology line,
/// written in the recording request's transaction, says it was taken, before any workflow has
/// heard of it.
/// </summary>
public static class StepsRecordedOnTheConcern
{
    /// <summary>The chronology line of a recorded protective assessment.</summary>
    public const string ProtectiveAssessmentDone = "ProtectiveAssessmentDone";

    /// <summary>The chronology line of feedback given to the reporter.</summary>
    public const string ReporterFeedbackGiven = "ReporterFeedbackGiven";

    /// <summary>The chronology line of the step a task of <paramref name="kind"/> waits for; null for a task answered on its own.</summary>
    public static string? EventOf(AgencyTaskKind kind) => kind switch
    {
        AgencyTaskKind.ProtectiveAssessment => ProtectiveAssessmentDone,
        AgencyTaskKind.ReporterFeedback => ReporterFeedbackGiven,
        _ => null,
    };

    /// <summary>
    /// When, and by whom, the step a new task of <paramref name="kind"/> waits for was already
    /// recorded: the request found no task to complete (its offer was still on its way), so the
    /// task is born done instead of reminding and escalating a step that was taken.
    /// </summary>
    public static async Task<CaseEvent?> AlreadyRecordedAsync(this CoordinationDbContext db, Guid concernId, AgencyTaskKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return EventOf(kind) is { } step
            ? await db.Set<CaseEvent>().AsNoTracking().Where(e => e.ConcernId == concernId && e.Kind == step).OrderBy(e => e.At).FirstOrDefaultAsync(cancellationToken)
            : null;
    }
}
