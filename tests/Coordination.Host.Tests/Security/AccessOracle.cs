namespace Coordination.Host.Tests.Security;

/// <summary>
/// The rules of issue 7 point 1 for concerns, written independently of the service's code:
/// social services of the municipality see all; an agency named by a basis in force sees the
/// minimum fields; the reporter sees their report; administrators, auditors and everyone else
/// nothing.
/// </summary>
internal static class AccessOracle
{
    private static readonly string[] CaseRoles = ["staff", "manager", "coordinator"];

    /// <summary>"F" full, "s" shared fields, "r" reporter, "" nothing.</summary>
    public static string ConcernLevel(string agency, string role, string domain, CaseRecord concern)
    {
        var inMunicipality = domain == SecurityWorld.Alvby || agency == "police";
        if (!inMunicipality || !CaseRoles.Contains(role))
        {
            return "";
        }

        if (agency == "social")
        {
            return "F";
        }

        var sharedNow = concern.State is "shared with police and school" or "protected identity, shared";
        if (sharedNow && agency is "police" or "school")
        {
            return "s";
        }

        return $"{agency}.{role}@{domain}" == SecurityWorld.Teacher ? "r" : "";
    }

    /// <summary>The strings of a concern a user may see at a level; every other one is a leak.</summary>
    public static IEnumerable<string> Forbidden(CaseRecord concern, string level)
    {
        if (level != "F")
        {
            yield return concern.Personnummer;
            yield return concern.Description;
        }

        if (level != "F" && (level != "s" || concern.ProtectedIdentity))
        {
            yield return concern.Name;
        }
    }
}
