using Coordination.Workflows.Inspections.Supervision;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>A supervision case as the licensing unit sees it.</summary>
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
    DateTimeOffset? AppealLodgedAt,
    DateTimeOffset? AppealEnteredAt,
    DateTimeOffset? NextFollowUpAt,
    IReadOnlyList<ReplacedProposalView> ReplacedProposals)
{
    public static SupervisionView From(SupervisionCase c) => new(
        c.Id, c.MunicipalityId, c.VenueId, c.VisitId, c.Status.ToString(), c.OpenedAt, c.ProposedSanction?.ToString(), c.KommuniceringText,
        c.KommuniceringSentAt, c.ReplyDueAt, c.Reply, c.RepliedAt, c.ReplyEnteredAt, c.Decision?.ToString(), c.DecidedAt, c.MostSeriousCase, c.Justification,
        c.AppealEndsAt, c.AppealLodgedAt, c.AppealEnteredAt, c.NextFollowUpAt,
        [.. c.ReplacedProposals.OrderBy(p => p.KommuniceringSentAt).Select(ReplacedProposalView.From)]);
}
