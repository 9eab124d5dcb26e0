using Coordination.Contracts.Concerns;
using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Tasks;

/// <summary>
/// My tasks and my agencies' queues, with claim, accept, decline (with a reason), complete and,
/// for managers, reassign. Reads through <see cref="TaskQueries"/> and acts through
/// <see cref="TaskCommands"/>, exactly as the API does. New tasks arrive without reload
/// (wwwroot/js/task-inbox.js fetches the lists again when the hub says a task was offered).
/// </summary>
public sealed class IndexModel(TaskQueries queries, TaskCommands commands, AgencyDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<AgencyTaskState> Mine { get; private set; } = [];

    public IReadOnlyList<AgencyTaskState> Queue { get; private set; } = [];

    public IReadOnlyDictionary<Guid, AgencyName> Agencies { get; private set; } = new Dictionary<Guid, AgencyName>();

    /// <summary>Members of each agency the user manages, for reassigning.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<AgencyMember>> Members { get; private set; } = new Dictionary<Guid, IReadOnlyList<AgencyMember>>();

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public CaseViewer Viewer => User.Viewer();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Only the task lists, for the live inbox to swap in.</summary>
    public async Task<IActionResult> OnGetListsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.ClaimAsync(id, Viewer, cancellationToken), "Tasks.Claimed", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.AcceptAsync(id, Viewer, cancellationToken), "Tasks.Accepted", cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.DeclineAsync(id, reason, Viewer, cancellationToken), "Tasks.Declined", cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.CompleteAsync(id, Viewer, cancellationToken), "Tasks.Completed", cancellationToken);

    public Task<IActionResult> OnPostReassignAsync(Guid id, Guid? userId, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.ReassignAsync(id, userId, Viewer, cancellationToken), "Tasks.Reassigned", cancellationToken);

    public static string ReasonField(Guid taskId) => $"reason-{taskId:N}";

    public static string OwnerField(Guid taskId) => $"owner-{taskId:N}";

    public bool CanAnswer(AgencyTaskState task) => task.Kind == AgencyTaskKind.JointWork && task.CurrentState is "Offered" or "Claimed";

    public bool CanComplete(AgencyTaskState task) =>
        !TaskCommands.IsRecordedOnTheConcern(task.Kind)
        && (task.Kind == AgencyTaskKind.JointWork ? task.CurrentState == "Accepted" : task.CurrentState is "Offered" or "Claimed");

    /// <summary>A protective assessment or feedback task still open: done by taking the step on the case page.</summary>
    public static bool IsDoneOnTheCase(AgencyTaskState task) =>
        TaskCommands.IsRecordedOnTheConcern(task.Kind) && task.CurrentState is "Offered" or "Claimed";

    public bool IsOverdue(AgencyTaskState task) =>
        task.DueAt < Now && !(task.Kind == AgencyTaskKind.JointWork && task.CurrentState == "Accepted");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Answer<Guid>>> act, string doneKey, CancellationToken cancellationToken)
    {
        // A reason or owner that could not be read is shown at the task's field; the task is not answered without it.
        if (!ModelState.IsValid)
        {
            foreach (var (key, field) in new[] { ("reason", ReasonField(id)), ("userId", OwnerField(id)) })
            {
                if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                {
                    ModelState.AddModelError(field, entry.Errors[0].ErrorMessage);
                }
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        var answer = await act();
        if (answer.Succeeded)
        {
            Message = text[doneKey];
            return RedirectToPage();
        }

        var refusal = answer.Refusal!;
        if (refusal.Kind == RefusalKind.Invalid)
        {
            var field = refusal.Errors!.ContainsKey("reason") ? ReasonField(id) : OwnerField(id);
            ModelState.AddModelError(field, text[refusal.Errors.ContainsKey("reason") ? "Tasks.Error.Reason" : "Tasks.Error.Owner"]);
        }
        else
        {
            ModelState.AddModelError(string.Empty, text[$"Tasks.Refused.{refusal.Kind}"]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var viewer = Viewer;
        Now = clock.GetUtcNow();
        Mine = await queries.MineAsync(viewer, cancellationToken);
        Queue = (await queries.QueueAsync(viewer, null, cancellationToken)).Value ?? [];
        Agencies = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        var members = new Dictionary<Guid, IReadOnlyList<AgencyMember>>();
        foreach (var agencyId in Queue.Select(t => t.AgencyId).Distinct().Where(viewer.Manages))
        {
            members[agencyId] = await directory.MembersAsync(agencyId, viewer, cancellationToken);
        }

        Members = members;
    }
}
