namespace Coordination.Contracts.Concerns;

/// <summary>A task was offered to an agency's queue, to be answered or done by the deadline, with reminders (the first no earlier than <c>ReminderLead</c> before the deadline; null: one interval after the offer) and escalation; a task that ends with sharing is cancelled when its agency loses access.</summary>
public sealed record AgencyTaskOffered(Guid TaskId, Guid ConcernId, Guid MunicipalityId, Guid AgencyId, AgencyTaskKind Kind, string Title, DateTimeOffset OfferedAt, DateTimeOffset DueAt, TimeSpan ReminderInterval, TimeSpan EscalationAfterDue, Guid? AssignedUserId, bool EndsWithSharing, TimeSpan? ReminderLead = null);
