namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>
/// A proposal communicated on a supervision case and since replaced by a harsher one, with the
/// reply time it had and the licensee's reply to it. The case holds the proposal in force; this
/// keeps the earlier ones, so that a reply to one of them received in time but entered after it
/// was replaced is recorded against it and judged by its own reply time (ADR 0019).
/// </summary>
public sealed class ReplacedProposal
{
    public Guid Id { get; set; }

    public Guid SupervisionCaseId { get; set; }

    public Sanction ProposedSanction { get; set; }

    public string? KommuniceringText { get; set; }

    public DateTimeOffset KommuniceringSentAt { get; set; }

    public DateTimeOffset ReplyDueAt { get; set; }

    public string? Reply { get; set; }

    /// <summary>When the reply was received from the licensee: what counts against <see cref="ReplyDueAt"/>.</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>When an official entered the reply: after <see cref="ReplacedAt"/> for one entered once the proposal was replaced.</summary>
    public DateTimeOffset? ReplyEnteredAt { get; set; }

    /// <summary>When the harsher proposal was communicated in its place.</summary>
    public DateTimeOffset ReplacedAt { get; set; }

    /// <summary>The proposal the case held when a harsher one was communicated, as it stood then.</summary>
    public static ReplacedProposal Of(SupervisionCase supervision, DateTimeOffset replacedAt)
    {
        ArgumentNullException.ThrowIfNull(supervision);
        return new ReplacedProposal
        {
            Id = Guid.NewGuid(),
            SupervisionCaseId = supervision.Id,
            ProposedSanction = supervision.ProposedSanction ?? throw new InvalidOperationException($"Supervision case {supervision.Id} has no proposal to replace."),
            KommuniceringText = supervision.KommuniceringText,
            KommuniceringSentAt = supervision.KommuniceringSentAt ?? throw new InvalidOperationException($"Supervision case {supervision.Id} has no kommunicering to replace."),
            ReplyDueAt = supervision.ReplyDueAt ?? throw new InvalidOperationException($"Supervision case {supervision.Id} has no reply time."),
            Reply = supervision.Reply,
            RepliedAt = supervision.RepliedAt,
            ReplyEnteredAt = supervision.ReplyEnteredAt,
            ReplacedAt = replacedAt,
        };
    }
}
