using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.WebUi;

/// <summary>
/// The municipalities a page works in for this user (those of the memberships that pass the
/// given test) and the one chosen, the first by default; the page's data is always
/// of one municipality, never mixed.
/// </summary>
public sealed record MunicipalityChoice(IReadOnlyList<MunicipalityOption> Options, Guid Selected)
{
    public string SelectedName => Options.FirstOrDefault(o => o.Id == Selected)?.Name ?? "";

    public bool Any => Options.Count > 0;

    public static async Task<MunicipalityChoice> ForAsync(IReadOnlyList<MembershipClaim> memberships, Func<MembershipClaim, bool> fits, Guid? wanted, CoordinationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = memberships.Where(fits).Select(m => m.MunicipalityId).Distinct().ToList();
        var options = (await db.Municipalities.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync())
            .Select(m => new MunicipalityOption(m.Id, m.Name))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        var selected = wanted is { } w && options.Any(o => o.Id == w) ? w : options.FirstOrDefault()?.Id ?? Guid.Empty;
        return new MunicipalityChoice(options, selected);
    }
}

/// <summary>One municipality a user may choose.</summary>
public sealed record MunicipalityOption(Guid Id, string Name);
