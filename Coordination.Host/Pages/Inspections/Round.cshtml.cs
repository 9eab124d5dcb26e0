using System.Text.Json;
using Coordination.Host.Inspections.Participation;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// One round: for the licensing unit its venues, participation and visits; for a participating
/// agency what it needs to take part (time, venues, its own checklist items) and its requests to answer.
/// </summary>
public sealed class RoundModel(
    CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Planned { get; set; }

    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    [BindProperty]
    public ReplanInput Replan { get; set; } = new();

    [BindProperty]
    public WithoutPoliceInput WithoutPolice { get; set; } = new();

    public JsonElement Round { get; private set; }

    /// <summary>The licensing unit's view (with participation), not a participant's.</summary>
    public bool AsLicensing => Round.ValueKind == JsonValueKind.Object && Round.TryGetProperty("participation", out _);

    public string? Answered { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid taskId) => AnswerAsync(taskId, InspectionTaskStatus.Accepted);

    public Task<IActionResult> OnPostDeclineAsync(Guid taskId) => AnswerAsync(taskId, InspectionTaskStatus.Declined);

    public Task<IActionResult> OnPostProposeAsync(Guid taskId) => AnswerAsync(taskId, InspectionTaskStatus.OtherTimeProposed);

    /// <summary>Plans the round for another evening after a decline or a proposed time; the participants are asked again.</summary>
    public async Task<IActionResult> OnPostReplanAsync()
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ? Page() : NotFound();
        }

        var outcome = Read(await RoundEndpoints.ReplanAsync(Id, new ReplanRoundRequest(Replan.Date, Replan.EveningStart, Replan.EveningEnd), User, db, publish, clock));
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id = Id, planned = true });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, prefix: "Replan");
        }
        else if (!outcome.NotFound)
        {
            Problem = text["Round.ReplanConflict"];
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>The round goes ahead without the police, with the reason why.</summary>
    public async Task<IActionResult> OnPostWithoutPoliceAsync()
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ? Page() : NotFound();
        }

        var outcome = Read(await RoundEndpoints.GoWithoutPoliceAsync(Id, new WithoutPoliceRequest(WithoutPolice.Reason), User, db, publish, clock));
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id = Id });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, prefix: "WithoutPolice");
        }
        else if (!outcome.NotFound)
        {
            Problem = text["Round.WithoutPoliceConflict"];
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>
    /// A value the form could not take (a decline's reason or a proposed evening with a control
    /// character) is not bound: as in the page's other handlers, the page is shown again with that
    /// error and what was typed, and nothing is sent without it, where the API would have answered
    /// as if the field had been left empty.
    /// </summary>
    private async Task<IActionResult> AnswerAsync(Guid taskId, InspectionTaskStatus answer)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ? Page() : NotFound();
        }

        var request = new ParticipationAnswerRequest(Answer.Reason, Answer.Date, Answer.EveningStart);
        var outcome = Read(await ParticipationEndpoints.AnswerAsync(taskId, answer, request, User, db, publish, clock));
        if (outcome.Succeeded)
        {
            // A declining optional participant is told the round goes ahead without it, not that it is planned again.
            var agency = await db.Set<InspectionTask>().Where(t => t.Id == taskId).Select(t => t.AgencyKind).FirstAsync();
            var answered = answer == InspectionTaskStatus.Declined && !InspectionRound.Requires(agency) ? "DeclinedOptional" : answer.ToString();
            return RedirectToPage(new { id = Id, answered });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, prefix: "Answer");
        }
        else
        {
            Problem = outcome.NotFound ? text["Round.RequestNotFound"] : text["Round.AlreadyAnswered"];
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        Answered = Request.Query["answered"];
        var outcome = Read(await RoundEndpoints.GetAsync(Id, User, db, ReadAudit));
        if (!outcome.Succeeded)
        {
            return false;
        }

        Round = outcome.Body;
        await ChooseAsync(AsLicensing ? Round.Id("municipalityId") : null, db);
        return true;
    }

    /// <summary>Another evening for the round.</summary>
    public sealed class ReplanInput
    {
        public string? Date { get; set; }

        public string? EveningStart { get; set; } = "20:00";

        public string? EveningEnd { get; set; } = "02:00";
    }

    /// <summary>Why the round goes ahead without the police.</summary>
    public sealed class WithoutPoliceInput
    {
        public string? Reason { get; set; }
    }

    /// <summary>A participant's answer: a reason when declining, another evening when proposing one.</summary>
    public sealed class AnswerInput
    {
        public string? Reason { get; set; }

        public string? Date { get; set; }

        public string? EveningStart { get; set; }
    }
}
