using Coordination.Workflows.Inspections.Supervision;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>A proposal of the case replaced by a new one (harsher, or taking in the remarks of a later visit), with its reply time and the licensee's reply to it.</summary>
internal sealed record ReplacedProposalView(
    string ProposedSanction,
    string? KommuniceringText,
    DateTimeOffset KommuniceringSentAt,
    DateTimeOffset ReplyDueAt,
    string? Reply,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? ReplyEnteredAt,
    DateTimeOffset ReplacedAt)
{
    public static ReplacedProposalView From(ReplacedProposal p) => new(
        p.ProposedSanction.ToString(), p.KommuniceringText, p.KommuniceringSentAt, p.ReplyDueAt, p.Reply, p.RepliedAt, p.ReplyEnteredAt, p.ReplacedAt);
}
