using Coordination.Host.Identity;
using Coordination.Workflows;
using Coordination.Workflows.Identity;

namespace Coordination.Host.Pages.Admin;

/// <summary>
/// Which of the municipality's users the users page shows: a text in the name or e-mail address
/// (any case), a membership of one of the municipality's agencies, of one role, or of both
/// in the same membership ("the school's managers"), and active or disabled accounts. It only
/// narrows the list the administrator may see (<see cref="MembershipAdministration.ListAsync"/>);
/// it never adds to it.
/// </summary>
public sealed record UserFilter(string Search, Guid? AgencyId, MembershipRole? Role, AccountStatus? Status = null)
{
    /// <summary>The query parameters the filter form sends.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["search", "agency", "role", "status"];

    public const int MaxSearchLength = 100;

    public static readonly UserFilter None = new("", null, null);

    public bool Matches(UserMemberships user) =>
        (Search.Length == 0
            || user.DisplayName.Contains(Search, StringComparison.CurrentCultureIgnoreCase)
            || user.Email.Contains(Search, StringComparison.CurrentCultureIgnoreCase))
        && (AgencyId is null && Role is null
            || user.Memberships.Any(m => (AgencyId is null || m.AgencyId == AgencyId) && (Role is null || m.Role == Role)))
        && (Status is null || (user.DisabledAt is null ? AccountStatus.Active : AccountStatus.Disabled) == Status);

    /// <summary>
    /// Reads the filter from the address. The form sends only values it offers, so anything else
    /// (an agency of another municipality, a role that does not exist, a parameter given twice, a
    /// search longer than the field allows) comes from an edited address: its parameter is
    /// returned as wrong, not ignored.
    /// </summary>
    public static (UserFilter Filter, IReadOnlyList<string> Wrong) Read(IQueryCollection query, IReadOnlyList<AgencyChoice> agencies)
    {
        var wrong = new List<string>();
        var search = Single(query, "search", wrong)?.Trim() ?? "";
        if (search.Length > MaxSearchLength)
        {
            wrong.Add("search");
        }

        Guid? agencyId = null;
        if (Single(query, "agency", wrong) is { Length: > 0 } agency)
        {
            agencyId = Guid.TryParse(agency, out var id) && agencies.Any(a => a.Id == id) ? id : null;
            if (agencyId is null)
            {
                wrong.Add("agency");
            }
        }

        MembershipRole? role = null;
        if (Single(query, "role", wrong) is { Length: > 0 } name)
        {
            role = EnumNames.Find<MembershipRole>(name);
            if (role is null)
            {
                wrong.Add("role");
            }
        }

        AccountStatus? status = null;
        if (Single(query, "status", wrong) is { Length: > 0 } statusName)
        {
            status = EnumNames.Find<AccountStatus>(statusName);
            if (status is null)
            {
                wrong.Add("status");
            }
        }

        return (new UserFilter(search, agencyId, role, status), wrong);
    }

    /// <summary>The filter's parameters as the address carries them, for the page's forms and redirects to keep.</summary>
    public static Dictionary<string, string> Route(IQueryCollection query) =>
        Parameters.Where(p => query[p] is { Count: 1 } value && !string.IsNullOrEmpty(value)).ToDictionary(p => p, p => query[p].ToString(), StringComparer.Ordinal);

    private static string? Single(IQueryCollection query, string parameter, List<string> wrong)
    {
        var values = query[parameter];
        if (values.Count > 1)
        {
            wrong.Add(parameter);
            return null;
        }

        return values.ToString();
    }
}
