namespace Coordination.Host.Concerns;

/// <summary>What a hand-over of a member's work did: the tasks and reviews now given to the new holder, and those it could not give, with why.</summary>
public sealed record HandedOver(IReadOnlyList<Guid> Tasks, IReadOnlyList<Guid> Reviews, IReadOnlyList<NotHandedOver> NotHandedOver);
