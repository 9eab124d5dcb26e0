using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Host.Tests.Concerns;

namespace Coordination.Host.Tests.Security;

/// <summary>Every change the write matrix covers, with a valid body and a record in the state it needs.</summary>
internal static class WriteCases
{
    private const string Social = "social services of Älvby (S, M, C)";
    private const string LicensingUnit = "the licensing unit of Älvby (S, M, C)";

    public static readonly IReadOnlyList<WriteCase> All =
    [
        new("POST /api/concerns", "school, social services, police, leisure (S, M, C), in their own municipality", WriteOracle.Reporter,
            async w => new WriteTarget("/api/concerns", ConcernRequests.Concern(), await w.ReportingAgencyAsync())),
        new("POST /api/concerns/{id:guid}/protective-assessment", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.RaiseAsync()}/protective-assessment", new { immediateProtectionNeeded = false })),
        new("POST /api/concerns/{id:guid}/protected-identity", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.RaiseAsync()}/protected-identity", new { })),
        new("POST /api/concerns/{id:guid}/preliminary-assessment", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.RaiseAsync()}/preliminary-assessment", new { decision = "Opened" })),
        new("POST /api/concerns/{id:guid}/investigation/extension", Social, WriteOracle.SocialServices,
            async w =>
            {
                // Each extension must end after the one before it, so each asker names a later day.
                var day = new DateOnly(2027, 6, 1);
                return new WriteTarget($"/api/concerns/{await w.InvestigatingAsync()}/investigation/extension", new { }, _ =>
                {
                    day = day.AddDays(1);
                    return new { newDueDate = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Waiting for a medical report" };
                });
            }),
        new("POST /api/concerns/{id:guid}/investigation/completion", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.InvestigatingAsync()}/investigation/completion", new { conclusion = "MeasuresDecided" })),
        new("POST /api/concerns/{id:guid}/feedback", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.InvestigatingAsync()}/feedback", new { outcome = "InvestigationOpened" })),
        new("POST /api/concerns/{id:guid}/legal-bases", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.RaiseAsync()}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"))),
        new("POST /api/concerns/{id:guid}/legal-bases/{basisId:guid}/withdrawal", Social, WriteOracle.SocialServices,
            async w =>
            {
                var (id, basis) = await w.SharedAsync();
                return new WriteTarget($"/api/concerns/{id}/legal-bases/{basis}/withdrawal", new { });
            }),
        new("POST /api/concerns/{id:guid}/plan", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{(await w.SharedAsync()).Id}/plan", WriteWorld.Plan)),
        new("POST /api/concerns/{id:guid}/reviews/{reviewId:guid}/done", Social, WriteOracle.SocialServices,
            async w =>
            {
                var (id, review) = await w.ReviewAsync();
                return new WriteTarget($"/api/concerns/{id}/reviews/{review}/done", new { outcome = "Continue" });
            }),
        new("POST /api/concerns/{id:guid}/reviews/{reviewId:guid}/reassign", "social services' managers of Älvby", WriteOracle.SocialServicesManager,
            async w =>
            {
                var (id, review) = await w.ReviewAsync();
                return new WriteTarget($"/api/concerns/{id}/reviews/{review}/reassign", new { userId = await w.UserIdAsync("social.staff@alvby.demo") });
            }),
        new("POST /api/concerns/{id:guid}/close", Social, WriteOracle.SocialServices,
            async w => new WriteTarget($"/api/concerns/{await w.RaiseAsync()}/close", new { outcome = "Support given; no further joint work." })),
        new("POST /api/tasks/{id:guid}/claim", "the task's agency, the police (S, M, C)", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/tasks/{await w.PoliceTaskAsync()}/claim", new { })),
        new("POST /api/tasks/{id:guid}/accept", "the task's agency, the police (S, M, C)", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/tasks/{await w.PoliceTaskAsync()}/accept", new { })),
        new("POST /api/tasks/{id:guid}/decline", "the task's agency, the police (S, M, C)", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/tasks/{await w.PoliceTaskAsync()}/decline", new { reason = "No capacity this week" })),
        new("POST /api/tasks/{id:guid}/complete", "the task's agency, the police (S, M, C), once accepted", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/tasks/{await w.AcceptedPoliceTaskAsync()}/complete", new { })),
        new("POST /api/tasks/{id:guid}/reassign", "the task's agency's managers", WriteOracle.PoliceManager,
            async w => new WriteTarget($"/api/tasks/{await w.PoliceTaskAsync()}/reassign", new { userId = await w.UserIdAsync("police.coordinator@alvby.demo") })),
        new("POST /api/municipalities/{municipalityId:guid}/agencies/{agencyId:guid}/handover", "the agency's managers (here the police's)", WriteOracle.PoliceManager,
            async w => new WriteTarget(
                $"/api/municipalities/{w.AlvbyId}/agencies/{await w.PoliceWorkHeldAsync()}/handover",
                new { fromUserId = await w.UserIdAsync(SecurityWorld.Police), toUserId = await w.UserIdAsync("police.coordinator@alvby.demo") })),
        new("POST /api/inspections/venues", LicensingUnit, WriteOracle.Licensing,
            w => Task.FromResult(new WriteTarget("/api/inspections/venues", SecurityWorld.Venue(w.AlvbyId)))),
        new("PUT /api/inspections/venues/{id:guid}", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/venues/{await w.VenueAsync()}", SecurityWorld.Venue(w.AlvbyId), email =>
                JsonSerializer.SerializeToNode(SecurityWorld.Venue(w.AlvbyId))!.AsObject().Also(v => v["complaints"] = WriteWorld.Slot(email) + 2))),
        new("DELETE /api/inspections/venues/{id:guid}", LicensingUnit + ", a venue never visited", WriteOracle.Licensing,
            async w =>
            {
                var venues = new[] { await w.VenueAsync(), await w.VenueAsync(), await w.VenueAsync() };
                return new WriteTarget($"/api/inspections/venues/{venues[0]}", new { }, PathFor: email => $"/api/inspections/venues/{venues[WriteWorld.Slot(email)]}");
            }),
        new("POST /api/inspections/rounds", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget("/api/inspections/rounds", SecurityWorld.Round(w.AlvbyId, WriteWorld.PlannedEvening, await w.VenueAsync()))),
        new("POST /api/inspections/participation/{taskId:guid}/accept", "the police (S, M, C), asked to take part", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/inspections/participation/{await w.ParticipationRequestAsync()}/accept", new { })),
        new("POST /api/inspections/participation/{taskId:guid}/decline", "the police (S, M, C), asked to take part", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/inspections/participation/{await w.ParticipationRequestAsync()}/decline", new { reason = "No patrol free that evening" })),
        new("POST /api/inspections/participation/{taskId:guid}/propose", "the police (S, M, C), asked to take part", WriteOracle.PoliceMember,
            async w => new WriteTarget($"/api/inspections/participation/{await w.ParticipationRequestAsync()}/propose", new { reason = "A patrol is free the week after", date = "2026-12-11", eveningStart = "21:00" })),
        new("PUT /api/inspections/rounds/{id:guid}/schedule", LicensingUnit + ", before the visits", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/rounds/{await w.RoundAsync()}/schedule", new { }, email => new
            {
                date = new DateOnly(2026, 12, 8).AddDays(WriteWorld.Slot(email)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                eveningStart = "21:00",
                eveningEnd = "01:00",
            })),
        new("POST /api/inspections/rounds/{id:guid}/without-police", LicensingUnit + ", before the police accept", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/rounds/{await w.RoundAsync()}/without-police", new { reason = "No patrol is free that evening" })),
        new("POST /api/inspections/rounds/{roundId:guid}/visits", LicensingUnit + ", a round the police accepted", WriteOracle.Licensing,
            async w =>
            {
                var inspections = await w.InspectionsAsync();
                return new WriteTarget($"/api/inspections/rounds/{inspections.Round}/visits", new { }, email => SecurityWorld.Visit(inspections.VenuesToVisit[WriteWorld.Slot(email)]));
            }),
        new("POST /api/inspections/visits/{id:guid}/protocol/sent", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/visits/{(await w.InspectionsAsync()).VisitToSend}/protocol/sent", new { })),
        new("POST /api/inspections/visits/{id:guid}/outcome", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/visits/{(await w.InspectionsAsync()).VisitToDecide}/outcome", new { outcome = "MinorRemarks" })),
        new("POST /api/inspections/supervision-cases/{id:guid}/kommunicering", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseOpened}/kommunicering", WriteWorld.Kommunicering)),
        new("POST /api/inspections/supervision-cases/{id:guid}/reply", LicensingUnit + ", while the reply time runs", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseAwaitingReply}/reply", WriteWorld.Reply)),
        new("POST /api/inspections/supervision-cases/{id:guid}/decision", LicensingUnit, WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseAwaitingDecision}/decision", WriteWorld.Decision)),
        new("POST /api/inspections/supervision-cases/{id:guid}/appeal", LicensingUnit + ", in the appeal window", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseToAppeal}/appeal", new { text = "The licensee appeals to the administrative court." })),
        new("POST /api/inspections/supervision-cases/{id:guid}/follow-up", LicensingUnit + ", once the follow-up is due", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseFollowUpDue}/follow-up", new { note = "Reviewed the staff register; no new incidents." })),
        new("POST /api/inspections/supervision-cases/{id:guid}/close", LicensingUnit + ", after the decision", WriteOracle.Licensing,
            async w => new WriteTarget($"/api/inspections/supervision-cases/{(await w.InspectionsAsync()).CaseToClose}/close", new { })),
        new("PUT /api/inspections/settings/{municipalityId:guid}", "the licensing unit's managers and administrators of Älvby", WriteOracle.LicensingManager,
            async w =>
            {
                var settings = await w.InspectionSettingsAsync();
                return new WriteTarget($"/api/inspections/settings/{w.AlvbyId}", settings, email =>
                    JsonSerializer.SerializeToNode(settings)!.AsObject().Also(s => s["yearlyJointRoundPromise"] = 10 + WriteWorld.Slot(email)));
            }),
        new("PUT /api/municipalities/{municipalityId:guid}/routing-rules", "the administrators of Älvby's agencies, the police's included", WriteOracle.MunicipalityAdministrator,
            async w => new WriteTarget($"/api/municipalities/{w.AlvbyId}/routing-rules", await w.RoutingRulesAsync())),
        new("POST /api/municipalities/{municipalityId:guid}/users", "the administrators of Älvby's agencies, the police's included, each in their own agency", WriteOracle.MunicipalityAdministrator,
            w => Task.FromResult(new WriteTarget($"/api/municipalities/{w.AlvbyId}/users", new { }, email => new
            {
                displayName = "Ny kollega " + email.Split('@')[0],
                email = "ny." + email.Split('@')[0] + "@alvby.demo",
                agencyKind = KindOf(email),
                role = "Staff",
            }))),
        new("POST /api/municipalities/{municipalityId:guid}/users/{userId:guid}/password-link", "the administrators of Älvby's agencies, the police's included, for a user all of whose agencies they administer", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var staff = new Dictionary<string, Guid>();
                foreach (var kind in new[] { "school", "social", "police", "leisure", "licensing", "rescue", "tax" })
                {
                    staff[kind] = await w.UserIdAsync($"{kind}.staff@alvby.demo");
                }

                return new WriteTarget("", new { }, PathFor: email => $"/api/municipalities/{w.AlvbyId}/users/{staff[email.Split('.')[0]]}/password-link");
            }),
        new("POST /api/municipalities/{municipalityId:guid}/users/{userId:guid}/memberships", "the administrators of Älvby's agencies, the police's included, each in their own agency", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var (user, _) = await w.ColleagueAsync("ny.medlem@alvby.demo", ["school"]);
                return new WriteTarget($"/api/municipalities/{w.AlvbyId}/users/{user}/memberships", new { }, email => new { agencyKind = KindOf(email), role = "Coordinator" });
            }),
        new("DELETE /api/municipalities/{municipalityId:guid}/users/{userId:guid}/memberships/{membershipId:guid}", "the administrators of Älvby's agencies, the police's included, each in their own agency", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var (user, memberships) = await w.ColleagueAsync("bort.medlem@alvby.demo", SecurityWorld.AgencySlugs);
                return new WriteTarget("", new { }, PathFor: email => $"/api/municipalities/{w.AlvbyId}/users/{user}/memberships/{memberships[email.Split('.')[0]]}");
            }),
        new("POST /api/municipalities/{municipalityId:guid}/users/{userId:guid}/unlock", "the administrators of Älvby's agencies, the police's included, for a user all of whose agencies they administer", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var locked = await w.LockedColleaguesAsync("last");
                return new WriteTarget("", new { }, PathFor: email => $"/api/municipalities/{w.AlvbyId}/users/{locked[email.Split('.')[0]]}/unlock");
            }),
        new("POST /api/municipalities/{municipalityId:guid}/users/{userId:guid}/disable", "the administrators of Älvby's agencies, the police's included, for a user all of whose agencies they administer", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var leaving = await w.AgencyColleaguesAsync("slutat");
                return new WriteTarget("", new { reason = "Left the municipality" }, PathFor: email => $"/api/municipalities/{w.AlvbyId}/users/{leaving[email.Split('.')[0]]}/disable");
            }),
        new("POST /api/municipalities/{municipalityId:guid}/users/{userId:guid}/enable", "the administrators of Älvby's agencies, the police's included, for a user all of whose agencies they administer", WriteOracle.MunicipalityAdministrator,
            async w =>
            {
                var disabled = await w.DisabledColleaguesAsync("tillbaka");
                return new WriteTarget("", new { reason = "Came back" }, PathFor: email => $"/api/municipalities/{w.AlvbyId}/users/{disabled[email.Split('.')[0]]}/enable");
            }),
        new("POST /api/operations/incidents/{id:guid}/retry", "the administrators who answer for the failed workflow: a concern's, social services' of Älvby", WriteOracle.SocialServicesAdministrator,
            async w => new WriteTarget($"/api/operations/incidents/{await w.IncidentAsync()}/retry", new { })),
    ];

    /// <summary>The agency kind of a demo user's agency (or of an agency's slug), as the API names it.</summary>
    public static string KindOf(string email) => email.Split('.')[0] switch
    {
        "school" => "School",
        "social" => "SocialServices",
        "police" => "Police",
        "leisure" => "Leisure",
        "licensing" => "LicensingUnit",
        "rescue" => "RescueService",
        _ => "TaxAgency",
    };

    /// <summary>The node after <paramref name="change"/>, for a body that differs per user.</summary>
    private static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
