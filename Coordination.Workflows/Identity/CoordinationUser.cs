using Microsoft.AspNetCore.Identity;

namespace Coordination.Workflows.Identity;

/// <summary>A person who signs in: ASP.NET Core Identity's user plus a display name.</summary>
public sealed class CoordinationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    public List<Membership> Memberships { get; } = [];
}
