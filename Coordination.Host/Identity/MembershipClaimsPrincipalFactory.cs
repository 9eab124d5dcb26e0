using System.Security.Claims;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Identity;

/// <summary>Puts the user's memberships into the cookie or bearer token at sign-in.</summary>
internal sealed class MembershipClaimsPrincipalFactory(
    UserManager<CoordinationUser> users, IOptions<IdentityOptions> options, CoordinationDbContext db)
    : UserClaimsPrincipalFactory<CoordinationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CoordinationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new MembershipClaim(m.Agency!.MunicipalityId, m.AgencyId, m.Agency.Kind, m.Role))
            .ToListAsync();
        foreach (var membership in memberships)
        {
            identity.AddClaim(new Claim(MembershipClaim.ClaimType, membership.ToClaimValue()));
        }

        return identity;
    }
}
