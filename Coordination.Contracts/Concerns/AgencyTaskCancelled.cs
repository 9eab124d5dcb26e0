namespace Coordination.Contracts.Concerns;

/// <summary>An open task was cancelled because its concern closed or sharing with its agency stopped.</summary>
public sealed record AgencyTaskCancelled(Guid TaskId, Guid AgencyId, string Reason, DateTimeOffset CancelledAt);
