namespace Coordination.Host.Concerns;

/// <summary>A task or review a hand-over could not give (closed, sharing ended, or given to someone else at the same moment): <see cref="Kind"/> is <c>task</c> or <c>review</c>.</summary>
public sealed record NotHandedOver(string Kind, Guid Id, string Reason, string Detail);
