using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>
/// A supervision case as the licensing unit sees it. <see cref="AppealEntryEndsAt"/> is until when
/// an appeal may still be entered (<see cref="SupervisionLateEntry.AppealEntryEndsAt(SupervisionCase, InspectionSettings)"/>,
/// ADR 0019), so that the case page and other clients read it rather than work it out again from the
/// status, <see cref="AppealEndsAt"/> and the municipality's settings.
/// </summary>
internal sealed record SupervisionView(
    Guid Id,
    Guid MunicipalityId,
    Guid VenueId,
    Guid VisitId,
    string Status,
    DateTimeOffset OpenedAt,
    string? ProposedSanction,
    string? KommuniceringText,
    DateTimeOffset? KommuniceringSentAt,
    DateTimeOffset? ReplyDueAt,
    string? Reply,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? ReplyEnteredAt,
    string? Decision,
    DateTimeOffset? DecidedAt,
    bool MostSeriousCase,
    string? Justification,
    DateTimeOffset? AppealEndsAt,
    DateTimeOffset? AppealEntryEndsAt,
    DateTimeOffset? AppealLodgedAt,
    DateTimeOffset? AppealEnteredAt,
    DateTimeOffset? NextFollowUpAt,
    IReadOnlyList<ReplacedProposalView> ReplacedProposals)
{
    /// <summary>The view of <paramref name="c"/>, with <paramref name="settings"/> its municipality's inspection settings.</summary>
    public static SupervisionView From(SupervisionCase c, InspectionSettings settings) => new(
        c.Id, c.MunicipalityId, c.VenueId, c.VisitId, c.Status.ToString(), c.OpenedAt, c.ProposedSanction?.ToString(), c.KommuniceringText,
        c.KommuniceringSentAt, c.ReplyDueAt, c.Reply, c.RepliedAt, c.ReplyEnteredAt, c.Decision?.ToString(), c.DecidedAt, c.MostSeriousCase, c.Justification,
        c.AppealEndsAt, c.AppealEntryEndsAt(settings), c.AppealLodgedAt, c.AppealEnteredAt, c.NextFollowUpAt,
        [.. c.ReplacedProposals.OrderBy(p => p.KommuniceringSentAt).Select(ReplacedProposalView.From)]);
}
