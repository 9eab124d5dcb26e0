using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Security;

/// <summary>Arranges the records the write matrix changes, each one fresh.</summary>
internal sealed class WriteWorld(SecurityHost host, ApiUsers users, Guid alvbyId)
{
    private Task<InspectionRecords>? inspections;

    public static readonly object Kommunicering = new { proposedSanction = "Erinran", text = "We propose an erinran for serving guests under 18." };

    public static readonly object Reply = new { text = "The licensee has trained its staff and asks for no sanction." };

    public static readonly object Decision = new { sanction = "Erinran" };

    public static readonly object Plan = new
    {
        goals = new[] { "Attends school every day" },
        actions = new object[] { new { what = "Youth police meet the young person", agency = "Police", byDate = "2026-12-11" } },
    };

    /// <summary>The evening of the rounds the matrix plans, after the clock's furthest move.</summary>
    public const string PlannedEvening = "2026-12-04";

    public Guid AlvbyId => alvbyId;

    public static async Task<WriteWorld> CreateAsync(SecurityHost host, ApiUsers users) =>
        new(host, users, await host.WithDatabaseAsync(db => db.Municipalities.OrderBy(m => m.Code).Select(m => m.Id).FirstAsync()));

    public Task<Guid> RaiseAsync() => CaseJourney.RaiseAsync(host, users);

    /// <summary>A concern whose investigation was opened.</summary>
    public async Task<Guid> InvestigatingAsync()
    {
        var id = await RaiseAsync();
        await users.PostJsonAsync(CaseJourney.Coordinator, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        return id;
    }

    /// <summary>A concern shared with the police under the guardians' consent.</summary>
    public async Task<(Guid Id, Guid Basis)> SharedAsync()
    {
        var id = await RaiseAsync();
        await CaseJourney.ShareAsync(users, id, "Police");
        return (id, await host.WithDatabaseAsync(db => db.Set<SharingBasis>().Where(b => b.ConcernId == id).Select(b => b.Id).SingleAsync()));
    }

    /// <summary>The police's joint-work task on a freshly shared concern, offered and unanswered.</summary>
    public async Task<Guid> PoliceTaskAsync()
    {
        var (id, _) = await SharedAsync();
        Guid task = default;
        await CaseJourney.UntilAsync(host, async db => (task = await db.Set<AgencyTaskState>()
            .Where(t => t.ConcernId == id && t.Kind == Contracts.Concerns.AgencyTaskKind.JointWork)
            .Select(t => t.CorrelationId).FirstOrDefaultAsync()) != default, "the police's joint-work task");
        return task;
    }

    /// <summary>Älvby's police, where the police officer holds a joint-work task they claimed: a member's work to hand over.</summary>
    public async Task<Guid> PoliceWorkHeldAsync()
    {
        var task = await PoliceTaskAsync();
        var officer = await UserIdAsync(SecurityWorld.Police);
        using (var claimed = await users.PostAsync(SecurityWorld.Police, $"/api/tasks/{task}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, claimed.StatusCode);
        }

        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.OwnerUserId == officer), "the police's task claimed");
        return await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.CorrelationId == task).Select(t => t.AgencyId).SingleAsync());
    }

    /// <summary>A concern whose plan is agreed, with its first review scheduled.</summary>
    public async Task<(Guid Id, Guid Review)> ReviewAsync()
    {
        var (id, _) = await SharedAsync();
        var plan = await users.PostJsonAsync(CaseJourney.Coordinator, $"/api/concerns/{id}/plan", Plan, HttpStatusCode.Created);
        var review = plan.GetProperty("reviewId").GetGuid();
        await CaseJourney.UntilAsync(host, db => db.Set<ReviewState>().AnyAsync(r => r.CorrelationId == review), "the first review scheduled");
        return (id, review);
    }

    /// <summary>
    /// The raise body for one user: a police officer serves both municipalities, so they say
    /// which police agency they report from (Älvby's, or Sjöstad's for the other municipality).
    /// </summary>
    public async Task<Func<string, object>> ReportingAgencyAsync()
    {
        var police = await host.WithDatabaseAsync(db => db.Agencies.Where(a => a.Kind == Workflows.Identity.AgencyKind.Police && a.MunicipalityId == alvbyId).Select(a => a.Id).SingleAsync());
        return email =>
        {
            var body = JsonSerializer.SerializeToNode(ConcernRequests.Concern())!.AsObject();
            if (email.StartsWith("police.", StringComparison.Ordinal))
            {
                body["agencyId"] = police;
            }

            return body;
        };
    }

    public async Task<Guid> VenueAsync() =>
        (await users.PostJsonAsync(SecurityWorld.Licensing, "/api/inspections/venues", SecurityWorld.Venue(alvbyId), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>The police's request to take part in a freshly planned round, unanswered.</summary>
    public async Task<Guid> ParticipationRequestAsync() => await ParticipationRequestOfAsync(await RoundAsync());

    private async Task<Guid> ParticipationRequestOfAsync(Guid round)
    {
        Guid request = default;
        await CaseJourney.UntilAsync(host, async db => (request = await db.Set<Workflows.Inspections.Tasks.InspectionTask>()
            .Where(t => t.RoundId == round && t.AgencyKind == Workflows.Identity.AgencyKind.Police)
            .Select(t => t.Id).FirstOrDefaultAsync()) != default, "the police's participation request");
        return request;
    }

    public Task<Guid> UserIdAsync(string email) => host.UserIdAsync(email);

    /// <summary>
    /// A new account with a staff membership in each of the named agencies of Älvby (by slug, the
    /// school first), each given by that agency's administrator: its id and the memberships by slug.
    /// </summary>
    public async Task<(Guid UserId, Dictionary<string, Guid> Memberships)> ColleagueAsync(string email, IReadOnlyList<string> agencies)
    {
        var path = $"/api/municipalities/{alvbyId}/users";
        var created = await users.PostJsonAsync(
            "school.administrator@alvby.demo", path, new { displayName = "Kollega " + email, email, agencyKind = "School", role = "Staff" }, HttpStatusCode.Created);
        var userId = created.GetProperty("userId").GetGuid();
        var memberships = new Dictionary<string, Guid>
        {
            ["school"] = await host.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync()),
        };
        foreach (var agency in agencies.Where(a => a != "school"))
        {
            var added = await users.PostJsonAsync(
                $"{agency}.administrator@alvby.demo", $"{path}/{userId}/memberships", new { agencyKind = WriteCases.KindOf(agency), role = "Staff" }, HttpStatusCode.Created);
            memberships[agency] = added.GetProperty("id").GetGuid();
        }

        return (userId, memberships);
    }

    /// <summary>
    /// A new account in each agency of Älvby (by slug), made by that agency's administrator with a
    /// staff membership there only: an account is acted on by an administrator of all its agencies.
    /// </summary>
    public async Task<Dictionary<string, Guid>> AgencyColleaguesAsync(string prefix)
    {
        var colleagues = new Dictionary<string, Guid>();
        foreach (var agency in SecurityWorld.AgencySlugs)
        {
            var email = $"{prefix}.{agency}@alvby.demo";
            var created = await users.PostJsonAsync(
                $"{agency}.administrator@alvby.demo", $"/api/municipalities/{alvbyId}/users",
                new { displayName = "Kollega " + email, email, agencyKind = WriteCases.KindOf(agency), role = "Staff" }, HttpStatusCode.Created);
            colleagues[agency] = created.GetProperty("userId").GetGuid();
        }

        return colleagues;
    }

    /// <summary>A new account in each agency of Älvby (<see cref="AgencyColleaguesAsync"/>), each disabled by its agency's administrator.</summary>
    public async Task<Dictionary<string, Guid>> DisabledColleaguesAsync(string prefix)
    {
        var colleagues = await AgencyColleaguesAsync(prefix);
        foreach (var (agency, userId) in colleagues)
        {
            await users.PostJsonAsync($"{agency}.administrator@alvby.demo", $"/api/municipalities/{alvbyId}/users/{userId}/disable", new { reason = "Left the municipality" }, HttpStatusCode.OK);
        }

        return colleagues;
    }

    /// <summary>A new account in each agency of Älvby (<see cref="AgencyColleaguesAsync"/>), each locked by five wrong passwords.</summary>
    public async Task<Dictionary<string, Guid>> LockedColleaguesAsync(string prefix)
    {
        var colleagues = await AgencyColleaguesAsync(prefix);
        foreach (var (agency, userId) in colleagues)
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var wrong = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = $"{prefix}.{agency}@alvby.demo", password = "not-the-password-1" });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }

            Assert.NotNull(await host.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleAsync()));
        }

        return colleagues;
    }

    /// <summary>Älvby's current routing rules, as its administrator reads them.</summary>
    public async Task<JsonElement> RoutingRulesAsync() =>
        (await users.GetJsonAsync("social.administrator@alvby.demo", $"/api/municipalities/{alvbyId}/routing-rules")).GetProperty("rules");

    /// <summary>
    /// Which of a record's copies a user changes, for a change made once per record: the licensing
    /// unit's staff, manager and coordinator each get their own; everyone else is sent the first.
    /// </summary>
    public static int Slot(string email) => Math.Max(0, Array.IndexOf(AllowedRoles, email.Split('@')[0].Split('.')[^1]));

    private static readonly string[] AllowedRoles = ["staff", "manager", "coordinator"];

    /// <summary>The police's joint-work task on a shared concern, accepted by a police officer.</summary>
    public async Task<Guid> AcceptedPoliceTaskAsync()
    {
        var task = await PoliceTaskAsync();
        using (var accepted = await users.PostAsync(SecurityWorld.Police, $"/api/tasks/{task}/accept", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.CorrelationId == task && t.CurrentState == "Accepted"), "the police's task accepted");
        return task;
    }

    /// <summary>A round planned and not yet answered by the police.</summary>
    public async Task<Guid> RoundAsync() =>
        (await users.PostJsonAsync(SecurityWorld.Licensing, "/api/inspections/rounds", SecurityWorld.Round(alvbyId, PlannedEvening, await VenueAsync()), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>
    /// The inspection records in the states their changes need, arranged once: a round the police
    /// accepted, visited that evening (the clock moves to it), with visits whose protocol or outcome
    /// is still to come, venues not yet visited, and supervision cases at each step.
    /// </summary>
    public Task<InspectionRecords> InspectionsAsync() => inspections ??= ArrangeInspectionsAsync();

    private async Task<InspectionRecords> ArrangeInspectionsAsync()
    {
        var venues = new List<Guid>();
        for (var i = 0; i < 11; i++)
        {
            venues.Add(await VenueAsync());
        }

        var round = (await users.PostJsonAsync(SecurityWorld.Licensing, "/api/inspections/rounds", SecurityWorld.Round(alvbyId, SecurityWorld.VisitEvening, [.. venues]), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await users.PostJsonAsync(SecurityWorld.Police, $"/api/inspections/participation/{await ParticipationRequestOfAsync(round)}/accept", new { }, HttpStatusCode.OK);
        await CaseJourney.UntilAsync(host, db => db.Set<InspectionRound>().AnyAsync(r => r.Id == round && r.Status == RoundStatus.Confirmed), "the round confirmed");
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));

        var visits = new List<Guid>();
        foreach (var venue in venues.Take(8))
        {
            visits.Add((await users.PostJsonAsync(SecurityWorld.Licensing, $"/api/inspections/rounds/{round}/visits", SecurityWorld.Visit(venue), HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var cases = new List<Guid>();
        foreach (var visit in visits.Skip(2))
        {
            cases.Add((await users.PostJsonAsync(SecurityWorld.Licensing, $"/api/inspections/visits/{visit}/outcome", new { outcome = "SeriousRemarks" }, HttpStatusCode.OK))
                .GetProperty("supervisionCaseId").GetGuid());
        }

        foreach (var (supervision, steps) in cases.Skip(1).Zip([1, 2, 3, 3, 3]))
        {
            await SupervisionStepsAsync(supervision, steps);
        }

        // Its six-monthly follow-up come due, as its timer would make it half a year on.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            await db.FollowUpDueAsync(cases[5], host.Clock.GetUtcNow(), scope.ServiceProvider.GetRequiredService<IPublishEndpoint>());
            await db.SaveChangesAsync();
        }

        return new InspectionRecords(round, venues[8..], visits[0], visits[1], cases[0], cases[1], cases[2], cases[3], cases[4], cases[5]);
    }

    /// <summary>Takes a supervision case through its first steps: kommunicering, the licensee's reply, the decision.</summary>
    private async Task SupervisionStepsAsync(Guid supervision, int steps)
    {
        var path = $"/api/inspections/supervision-cases/{supervision}";
        await users.PostJsonAsync(SecurityWorld.Licensing, $"{path}/kommunicering", Kommunicering, HttpStatusCode.OK);
        if (steps < 2)
        {
            return;
        }

        await users.PostJsonAsync(SecurityWorld.Licensing, $"{path}/reply", Reply, HttpStatusCode.OK);
        await CaseJourney.UntilAsync(host, db => db.Set<SupervisionCase>().AnyAsync(c => c.Id == supervision && c.Status == SupervisionStatus.AwaitingDecision), "the case ready for a decision");
        if (steps > 2)
        {
            await users.PostJsonAsync(SecurityWorld.Licensing, $"{path}/decision", Decision, HttpStatusCode.OK);
        }
    }

    /// <summary>Älvby's inspection settings, as its licensing manager reads them.</summary>
    public Task<JsonElement> InspectionSettingsAsync() => users.GetJsonAsync("licensing.manager@alvby.demo", $"/api/inspections/settings/{alvbyId}");

    /// <summary>An open incident of a concern's workflow in Älvby: a message that failed every retry.</summary>
    public async Task<Guid> IncidentAsync()
    {
        var concern = await RaiseAsync();
        var incident = Operations.OpenIncident.Of("loopback://localhost/write-matrix-incidents", concern, host.Clock.GetUtcNow());
        return await host.WithDatabaseAsync(async db =>
        {
            db.Add(incident);
            await db.SaveChangesAsync();
            return incident.Id;
        });
    }
}

/// <summary>The inspection records the write matrix changes, each in the state its change needs.</summary>
internal sealed record InspectionRecords(
    Guid Round, List<Guid> VenuesToVisit, Guid VisitToSend, Guid VisitToDecide,
    Guid CaseOpened, Guid CaseAwaitingReply, Guid CaseAwaitingDecision, Guid CaseToAppeal, Guid CaseToClose, Guid CaseFollowUpDue);

