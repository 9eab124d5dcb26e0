using Coordination.Workflows.Identity;

namespace Coordination.Host.Concerns;

/// <summary>A member of an agency a manager can give a task or review to.</summary>
public sealed record AgencyMember(Guid UserId, string DisplayName, MembershipRole Role);
