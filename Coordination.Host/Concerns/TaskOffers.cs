using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns.Routing;

namespace Coordination.Host.Concerns;

/// <summary>Builds task offers with the reminder (interval and lead before the deadline) and escalation settings of the municipality's routing rules.</summary>
internal static class TaskOffers
{
    public static AgencyTaskOffered Offer(
        RoutingRules rules, Guid concernId, Guid municipalityId, Guid agencyId, AgencyTaskKind kind, string title,
        DateTimeOffset now, DateTimeOffset dueAt, bool endsWithSharing, Guid? assignedUserId = null) =>
        new(Guid.NewGuid(), concernId, municipalityId, agencyId, kind, title, now, dueAt,
            rules.ReminderInterval, rules.EscalationAfterDue, assignedUserId, endsWithSharing, TimeSpan.FromDays(rules.TaskReminderDaysBefore));
}
