using System.Globalization;
using System.Security.Claims;

namespace Coordination.Workflows.Identity;

/// <summary>
/// A membership as it travels in the signed-in principal (cookie or bearer token):
/// <c>municipalityId|agencyId|agencyKind|role</c>. Access decisions read these claims.
/// </summary>
public sealed record MembershipClaim(Guid MunicipalityId, Guid AgencyId, AgencyKind AgencyKind, MembershipRole Role)
{
    public const string ClaimType = "coordination:membership";

    public string ToClaimValue() =>
        string.Create(CultureInfo.InvariantCulture, $"{MunicipalityId:N}|{AgencyId:N}|{AgencyKind}|{Role}");

    public static bool TryParse(string value, out MembershipClaim? claim)
    {
        claim = null;
        var parts = value.Split('|');
        if (parts.Length != 4
            || !Guid.TryParseExact(parts[0], "N", out var municipality)
            || !Guid.TryParseExact(parts[1], "N", out var agency)
            || !Enum.TryParse<AgencyKind>(parts[2], out var kind)
            || !Enum.TryParse<MembershipRole>(parts[3], out var role))
        {
            return false;
        }

        claim = new MembershipClaim(municipality, agency, kind, role);
        return true;
    }

    /// <summary>Every well-formed membership claim the principal carries.</summary>
    public static IReadOnlyList<MembershipClaim> From(ClaimsPrincipal principal) =>
        principal.FindAll(ClaimType)
            .Select(c => TryParse(c.Value, out var m) ? m : null)
            .OfType<MembershipClaim>()
            .ToList();
}
