using Microsoft.AspNetCore.Identity;

namespace Coordination.Workflows.Identity;

/// <summary>A person who signs in: ASP.NET Core Identity's user plus a display name.</summary>
public sealed class CoordinationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// When an administrator disabled the account, or null while it is active: a disabled account
    /// signs in to nothing and gets no password link until it is enabled again (ADR 0020).
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public List<Membership> Memberships { get; } = [];
}
