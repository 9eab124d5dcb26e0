using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// The people of a joint inspection in Älvby (demo): the licensing officer and manager, and the
/// police officer who serves both demo municipalities; with the steps they take through the API.
/// </summary>
internal sealed class InspectionScenario : IAsyncDisposable
{
    public const string Alvby = "Älvby kommun (demo)";

    /// <summary>How long a test waits for what a workflow does after the clock moved.</summary>
    public static readonly TimeSpan WorkflowWait = TimeSpan.FromSeconds(30);

    private static readonly string[] LicenceKinds = ["AlcoholToPublic", "Tobacco"];
    private static readonly string[] ResponsiblePersons = ["Anna Andersson", "Bo Berg"];
    private static readonly string[] OptionalParticipants = ["RescueService"];
    private static readonly string[] Present = ["Lena Licensing (Tillståndsenheten)", "Per Polis (Polisen)"];

    private InspectionScenario(EmbeddedHostFactory host, Guid municipalityId)
    {
        Host = host;
        MunicipalityId = municipalityId;
        Officer = new InspectionsClient(host, "licensing.staff@alvby.demo");
        Manager = new InspectionsClient(host, "licensing.manager@alvby.demo");
        Police = new InspectionsClient(host, "police.staff@alvby.demo");
    }

    public EmbeddedHostFactory Host { get; }

    public Guid MunicipalityId { get; }

    public InspectionsClient Officer { get; }

    public InspectionsClient Manager { get; }

    public InspectionsClient Police { get; }

    public static async Task<InspectionScenario> StartAsync(HostBackend backend, Action<IServiceCollection>? services = null)
    {
        var host = await EmbeddedHostFactory.CreateAsync(backend, "inspections");
        if (services is not null)
        {
            host.WithServices(services);
        }

        using var officer = new InspectionsClient(host, "licensing.staff@alvby.demo");
        return new InspectionScenario(host, await officer.MunicipalityIdAsync(Alvby));
    }

    public async Task<Guid> RegisterVenueAsync(string name, string organisationNumber, bool dancing = false, bool youngCrowd = false, int complaints = 0)
    {
        var venue = await Officer.PostJsonAsync("/api/inspections/venues", VenueBody(name, organisationNumber, dancing, youngCrowd, complaints), HttpStatusCode.Created);
        return venue.GetProperty("id").GetGuid();
    }

    public object VenueBody(string name, string organisationNumber, bool dancing = false, bool youngCrowd = false, int complaints = 0) => new
    {
        municipalityId = MunicipalityId,
        name,
        licenseeName = $"{name} AB",
        organisationNumber,
        address = "Storgatan 1",
        postalTown = "Älvby",
        licenceKinds = LicenceKinds,
        servingFrom = "11:00",
        servingUntil = "02:00",
        responsiblePersons = ResponsiblePersons,
        hasDancing = dancing,
        hasYoungCrowd = youngCrowd,
        complaints,
    };

    /// <summary>Plans a round on Friday 27 November 2026, 21:00–01:00 Stockholm time.</summary>
    public Task<Guid> PlanRoundAsync(params Guid[] venueIds) => PlanRoundOnAsync("2026-11-27", venueIds);

    public async Task<Guid> PlanRoundOnAsync(string date, params Guid[] venueIds)
    {
        var round = await Officer.PostJsonAsync("/api/inspections/rounds", new
        {
            municipalityId = MunicipalityId,
            date,
            eveningStart = "21:00",
            eveningEnd = "01:00",
            venueIds,
            optionalParticipants = OptionalParticipants,
        }, HttpStatusCode.Created);
        return round.GetProperty("id").GetGuid();
    }

    /// <summary>The police's open participation request for the round, as the police see it in their task list.</summary>
    public async Task<JsonElement> PoliceRequestAsync(Guid roundId)
    {
        var tasks = await Police.GetJsonAsync($"/api/inspections/tasks?municipalityId={MunicipalityId}");
        return tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "TakePartInRound" && t.GetProperty("roundId").GetGuid() == roundId);
    }

    public async Task<JsonElement> OfficerTasksAsync(bool open = true) =>
        await Officer.GetJsonAsync($"/api/inspections/tasks?municipalityId={MunicipalityId}&open={(open ? "true" : "false")}");

    /// <summary>Records the visit of the evening, 21:30–22:15 Stockholm time, with the given findings.</summary>
    public Task<HttpResponseMessage> RecordVisitAsync(Guid roundId, Guid venueId, params object[] items) =>
        RecordVisitAsync(roundId, venueId, new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero), items);

    public async Task<HttpResponseMessage> RecordVisitAsync(Guid roundId, Guid venueId, DateTimeOffset startedAt, params object[] items) =>
        await Officer.PostAsync($"/api/inspections/rounds/{roundId}/visits", new
        {
            venueId,
            startedAt,
            endedAt = startedAt.AddMinutes(45),
            participantsPresent = Present,
            items,
        });

    public static object Item(string code, string result, string? note = null) => new { code, result, note };

    /// <summary>Plans a round of the venue and has the police accept it.</summary>
    public async Task<Guid> AcceptedRoundAsync(Guid venueId, string date = "2026-11-27")
    {
        var roundId = await PlanRoundOnAsync(date, venueId);
        var request = await PoliceRequestAsync(roundId);
        await Police.PostJsonAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/accept");
        return roundId;
    }

    /// <summary>
    /// A newly registered venue whose re-inspection waits (minor remarks at the visit of Friday 27
    /// November), in two accepted rounds of the next week (Thursday 3 and Friday 4 December), with
    /// the clock after both evenings.
    /// </summary>
    public async Task<(Guid VenueId, Guid Thursday, Guid Friday)> ReInspectionDueNextWeekAsync()
    {
        var venueId = await RegisterVenueAsync("Krogen Hörnet", "556016-0680");
        var first = await AcceptedRoundAsync(venueId);
        Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var recorded = await RecordVisitAsync(first, venueId, Item("serving.outdoor-area", "Remark", "The outdoor area is not marked off.")))
        {
            var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await Officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "MinorRemarks" });
        }

        var thursday = await AcceptedRoundAsync(venueId, "2026-12-03");
        var friday = await AcceptedRoundAsync(venueId, "2026-12-04");
        Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));
        return (venueId, thursday, friday);
    }

    /// <summary>A supervision case opened after a visit with serious remarks at a newly registered venue.</summary>
    public async Task<(Guid VenueId, Guid VisitId, Guid CaseId)> SupervisionCaseAsync(string venueName, string organisationNumber)
    {
        var venueId = await RegisterVenueAsync(venueName, organisationNumber);
        var roundId = await AcceptedRoundAsync(venueId);
        Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var recorded = await RecordVisitAsync(roundId, venueId,
            Item("serving.no-serving-under-18", "Remark", "Two guests aged 16 and 17 were served beer."),
            Item("serving.order-and-sobriety", "Remark", "Several heavily intoxicated guests; fights in the queue."),
            Item("serving.fire-safety", "Ok"));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var outcome = await Officer.PostJsonAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "SeriousRemarks" });
        return (venueId, visitId, outcome.GetProperty("supervisionCaseId").GetGuid());
    }

    public async Task<JsonElement> SupervisionCaseAsync(Guid caseId) => await Officer.GetJsonAsync($"/api/inspections/supervision-cases/{caseId}");

    /// <summary>Communicates a proposed varning, lets the licensee's reply time run out and decides the varning; returns the decision's answer.</summary>
    public async Task<JsonElement> DecideVarningAsync(Guid caseId)
    {
        var cases = $"/api/inspections/supervision-cases/{caseId}";
        var communicated = await Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Varning", text = "We propose a varning." });
        Host.Clock.AdvanceTo(communicated.GetProperty("replyDueAt").GetDateTimeOffset().AddMinutes(1));
        await Coordination.Testing.Poll.UntilAsync(() => SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply time runs out", Host.Clock.TickSecond);
        return await Officer.PostJsonAsync($"{cases}/decision", new { sanction = "Varning" });
    }

    /// <summary>A varning decided (<see cref="DecideVarningAsync"/>) and not appealed: the appeal window closed, the decision final. Returns the decision's answer.</summary>
    public async Task<JsonElement> FinalVarningAsync(Guid caseId)
    {
        var decided = await DecideVarningAsync(caseId);
        Host.Clock.AdvanceTo(decided.GetProperty("appealEndsAt").GetDateTimeOffset().AddMinutes(1));
        await Coordination.Testing.Poll.UntilAsync(() => SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "DecisionFinal", WorkflowWait, "the appeal window closes", Host.Clock.TickSecond);
        return decided;
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        Manager.Dispose();
        Police.Dispose();
        await Host.DisposeAsync();
    }
}
