namespace Coordination.Host.Tests.Concerns;

/// <summary>Requests as a caseworker would fill them in.</summary>
internal static class ConcernRequests
{
    /// <summary>A valid personnummer of a girl born 15 March 2012.</summary>
    public const string FourteenYearOld = "20120315-1236";

    public static object Concern(
        string personnummer = FourteenYearOld, string[]? categories = null, string description = "Often absent, seen with older youths known to the police.",
        bool protectedIdentity = false, string name = "Alva Exempel", string urgency = "Urgent") => new
    {
        youngPerson = new { personalIdentityNumber = personnummer, name, protectedIdentity },
        school = "Älvby skola",
        categories = categories ?? ["CrimeRisk", "Truancy"],
        urgency,
        description,
        guardianKnowledge = "The mother knows the school is worried.",
    };

    public static object GuardiansConsent(string givenOn, params string[] parties) => new
    {
        kind = "Consent",
        parties,
        givenBy = "Guardians",
        givenOn,
        documentReference = "Samtycke 2026-118",
        scope = "School attendance, leisure and contacts with the police",
    };

    /// <summary>A disclosure under a cited provision, weighed by a named official.</summary>
    public static object Provision(params string[] parties) => new
    {
        kind = "Provision",
        parties,
        provision = "OSL 10 kap. 18 a §",
        weighedBy = "Sara Socialsekreterare",
    };
}
