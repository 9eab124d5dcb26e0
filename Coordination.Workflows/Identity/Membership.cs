namespace Coordination.Workflows.Identity;

/// <summary>A user's role in one agency; a user may hold several, across municipalities.</summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public MembershipRole Role { get; set; }
}
