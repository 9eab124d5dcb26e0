namespace Coordination.Workflows.Concerns.Chronology;

/// <summary>One entry of a case's chronology: what happened, when, by whom, and who may read it.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; }

    public Guid ConcernId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A stable name such as <c>ConcernRaised</c> or <c>TaskEscalated</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The user who acted, or null for what the service did on a timer.</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>The agency the entry is about, if any.</summary>
    public Guid? AgencyId { get; set; }

    public CaseEventAudience Audience { get; set; }

    /// <summary>A short text without personal details beyond what the audience may see.</summary>
    public required string Text { get; set; }

    public static CaseEvent Of(Guid concernId, DateTimeOffset at, string kind, CaseEventAudience audience, string text, Guid? actor = null, Guid? agency = null) =>
        new() { Id = Guid.NewGuid(), ConcernId = concernId, At = at, Kind = kind, Audience = audience, Text = text, ActorUserId = actor, AgencyId = agency };
}
