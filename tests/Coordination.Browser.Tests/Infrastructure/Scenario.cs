using System.Text.Json;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>The steps before a journey starts, as the people of Älvby would take them through the API.</summary>
public static class Scenario
{
    public const string Teacher = "school.staff@alvby.demo";
    public const string Coordinator = "social.coordinator@alvby.demo";
    public const string SocialManager = "social.manager@alvby.demo";
    public const string Police = "police.staff@alvby.demo";

    private static readonly string[] Categories = ["CrimeRisk", "Truancy"];
    private static readonly string[] PoliceAndSchool = ["Police", "School"];

    /// <summary>A teacher raises a concern about a 14-year-old (crime risk, truancy); returns its id.</summary>
    public static async Task<Guid> RaiseConcernAsync(ApiClient api)
    {
        var raised = await api.PostAsync(Teacher, "/api/concerns", new
        {
            youngPerson = new { personalIdentityNumber = "20120315-1236", name = "Alva Exempel", protectedIdentity = false },
            school = "Älvby skola",
            categories = Categories,
            urgency = "Urgent",
            description = "Ofta frånvarande, ses med äldre ungdomar som polisen känner till.",
            guardianKnowledge = "Mamman vet att skolan är orolig.",
        });
        return raised.GetProperty("id").GetGuid();
    }

    /// <summary>The coordinator records the guardians' consent to share with the police and the school: both get a joint-work task.</summary>
    public static async Task ShareWithPoliceAndSchoolAsync(ApiClient api, Guid concernId, string givenOn)
    {
        await api.WaitForAsync(Coordinator, $"/api/concerns/{concernId}", c => c.GetProperty("status").GetString() != "Registering", "the concern's workflow to start");
        await api.PostAsync(Coordinator, $"/api/concerns/{concernId}/legal-bases", new
        {
            kind = "Consent",
            parties = PoliceAndSchool,
            givenBy = "Guardians",
            givenOn,
            documentReference = "Samtycke 2026-118",
            scope = "Skolnärvaro, fritid och kontakter med polisen",
        });
    }

    public static bool HasReview(JsonElement concern, string state) =>
        concern.GetProperty("reviews").EnumerateArray().Any(r => r.GetProperty("state").GetString() == state);
}
