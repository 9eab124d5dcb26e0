using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;

namespace Coordination.Host.Concerns;

/// <summary>
/// A concern cut to what one user may see (<see cref="Access"/>): the reporter only the report's
/// date and the feedback; another agency the minimum fields, its own tasks and plan actions;
/// social services everything.
/// </summary>
public sealed record ConcernView(
    ConcernAccessLevel Access,
    Concern Concern,
    ConcernState? State,
    IReadOnlyList<SharingBasis> LegalBases,
    IReadOnlyList<AgencyTaskState> Tasks,
    CommitmentPlan? Plan,
    IReadOnlyList<PlanAction> PlanActions,
    IReadOnlyList<ReviewState> Reviews,
    bool HasPlan)
{
    public const string ProtectedIdentity = "Skyddad identitet";

    /// <summary>
    /// Whether this viewer raised the concern: the feedback (återkoppling) is theirs to see,
    /// also when their own agency takes part in the joint work and so sees the shared view.
    /// </summary>
    public bool ViewerIsReporter { get; init; }

    /// <summary>The feedback given to the reporter, for the reporter only.</summary>
    public ReporterFeedback? FeedbackForViewer => ViewerIsReporter || Access == ConcernAccessLevel.Full ? State?.FeedbackGiven : null;

    public string Status => State?.CurrentState ?? "Registering";

    /// <summary>
    /// The status the shared view carries: only whether the joint case is open or closed. The
    /// workflow's own states tell social services' assessments and whether an investigation was
    /// opened, which is the reporter's to learn through the feedback (SoL 14:1b), not the other
    /// agencies'.
    /// </summary>
    public string SharedStatus => Status == "Closed" ? "Closed" : "Open";

    /// <summary>The young person's name as this viewer may see it.</summary>
    public string? YoungPersonName => Access != ConcernAccessLevel.Full && Concern.HasProtectedIdentity ? ProtectedIdentity : Concern.YoungPersonName;

    /// <summary>
    /// The school as this viewer may see it: for a young person under protected identity the
    /// school says where they can be found every weekday, so outside social services it is hidden too.
    /// </summary>
    public string? School => Access != ConcernAccessLevel.Full && Concern.HasProtectedIdentity ? ProtectedIdentity : Concern.School;
}
