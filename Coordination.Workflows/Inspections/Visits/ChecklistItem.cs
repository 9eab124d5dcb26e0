using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// One thing inspectors check at a visit, for a licence kind. <see cref="CheckedBy"/> is the
/// agency whose inspectors usually check it: the police see only their own items.
/// </summary>
public sealed record ChecklistItem(string Code, LicenceKind LicenceKind, string Text, AgencyKind CheckedBy);
