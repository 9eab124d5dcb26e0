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
/// (wwwroot/js/task-inbox.js fetches the lists again, with the page's query string, when the hub
/// says a task was offered or reminded; not while the user is at one of the lists' forms or the page
/// shows a refused action's errors, when a notice offers to). The lists are filtered by kind, agency, "only overdue" and
/// "only reminded or escalated" from the query string (<see cref="FilterKeys"/>), in the page, its
/// live lists and its actions alike; a value the form cannot have sent is named at its field and
/// nothing is listed. Each task still waiting says how often its agency was reminded, when last,
/// and whether it went to the managers. Each task names its owner, marked as on the managers'
/// dashboard when work may no longer be given to them (<see cref="OwnerText"/>); a manager narrows
/// the lists to one owner's work.
/// </summary>
public sealed class IndexModel(TaskQueries queries, TaskCommands commands, AgencyDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The query parameters of the filter form; the actions carry them back to the same view.</summary>
    public static readonly string[] FilterKeys = ["kind", "agencyId", "overdue", "reminded", "owner"];

    /// <summary>The task a decline was posted for and the reason as typed.</summary>
    private (Guid TaskId, string? Reason)? declining;

    /// <summary>The filter the lists were read with; null when the query string held a value the form cannot send.</summary>
    public TaskFilter? Filter { get; private set; }

    /// <summary>The agencies the user works on cases in, by name: the choices of the agency filter.</summary>
    public IReadOnlyList<AgencyName> CaseAgencies { get; private set; } = [];

    /// <summary>Whom a manager may narrow the lists to: the members of the agencies they manage and whoever else holds work there.</summary>
    public IReadOnlyList<WorkOwner> OwnerChoices { get; private set; } = [];

    /// <summary>The owners of the listed tasks, by name.</summary>
    public WorkOwners Owners { get; private set; } = WorkOwners.None;

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

    /// <summary>Only the task lists under the same filter, for the live inbox to swap in.</summary>
    public async Task<IActionResult> OnGetListsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Filter is null ? BadRequest() : Partial("_TaskLists", this);
    }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.ClaimAsync(id, Viewer, cancellationToken), "Tasks.Claimed", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.AcceptAsync(id, Viewer, cancellationToken), "Tasks.Accepted", cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        // As typed, also when it could not be read (a control character): a refused decline shows it again.
        // A post that is not a form (a script sending the antiforgery token as a header) has no
        // form to read: then the bound value.
        declining = (id, Request.HasFormContentType ? Request.Form["reason"].FirstOrDefault() : reason);
        return ActAsync(id, () => commands.DeclineAsync(id, reason, Viewer, cancellationToken), "Tasks.Declined", cancellationToken);
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.CompleteAsync(id, Viewer, cancellationToken), "Tasks.Completed", cancellationToken);

    public Task<IActionResult> OnPostReassignAsync(Guid id, Guid? userId, CancellationToken cancellationToken) =>
        ActAsync(id, () => commands.ReassignAsync(id, userId, Viewer, cancellationToken), "Tasks.Reassigned", cancellationToken);

    public static string ReasonField(Guid taskId) => $"reason-{taskId:N}";

    /// <summary>The reason typed for <paramref name="taskId"/> when its decline was refused, to be shown again in its field; else null.</summary>
    public string? TypedReason(Guid taskId) => declining is { } typed && typed.TaskId == taskId ? typed.Reason : null;

    public static string OwnerField(Guid taskId) => $"owner-{taskId:N}";

    /// <summary>
    /// A joint-work task still waiting for its answer, which this user may give: staff answer their
    /// own and those nobody holds, not a colleague's (<see cref="CaseViewer.MayWorkOn"/>, as
    /// <see cref="TaskCommands"/> decides).
    /// </summary>
    public bool CanAnswer(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind == AgencyTaskKind.JointWork && task.CurrentState is "Offered" or "Claimed" && Viewer.MayWorkOn(task.AgencyId, task.OwnerUserId);
    }

    public bool CanComplete(AgencyTaskState task) =>
        !TaskCommands.IsRecordedOnTheConcern(task.Kind)
        && (task.Kind == AgencyTaskKind.JointWork ? task.CurrentState == "Accepted" : task.CurrentState is "Offered" or "Claimed");

    /// <summary>A protective assessment or feedback task still open: done by taking the step on the case page.</summary>
    public static bool IsDoneOnTheCase(AgencyTaskState task) =>
        TaskCommands.IsRecordedOnTheConcern(task.Kind) && task.CurrentState is "Offered" or "Claimed";

    public bool IsOverdue(AgencyTaskState task) => TaskFilter.IsOverdue(task, Now);

    /// <summary>
    /// "Reminded 3 times, last 2026-12-05 09:00" while the task still waits, or null: an accepted
    /// joint-work task is no longer reminded. A task reminded before the time was kept has only its count.
    /// </summary>
    public string? Reminded(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Reminders == 0 || !TaskFilter.IsWaiting(task))
        {
            return null;
        }

        var times = task.Reminders == 1 ? text["Tasks.RemindedOnce"].Value : text["Tasks.RemindedTimes", task.Reminders].Value;
        return task.LastRemindedAt is { } last ? text["Tasks.RemindedLast", times, StockholmTime.Show(last)].Value : times;
    }

    /// <summary>"Escalated to the managers 2026-12-05 16:00" while the task still waits, or null.</summary>
    public string? Escalated(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.EscalatedAt is { } at && TaskFilter.IsWaiting(task) ? text["Tasks.EscalatedAt", StockholmTime.Show(at)].Value : null;
    }

    /// <summary>Whether the agency filter is drawn: for a user of several agencies, or to name a wrong value at it.</summary>
    public bool ShowsAgencyFilter => CaseAgencies.Count > 1 || ModelState.ContainsKey("agencyId");

    /// <summary>Whether the owner filter is drawn: for a manager, or to name a wrong value at it.</summary>
    public bool ShowsOwnerFilter => OwnerChoices.Count > 0 || ModelState.ContainsKey("owner");

    /// <summary>The task's owner by name, "not assigned", or the former owner marked to be given to someone else.</summary>
    public string OwnerName(AgencyTaskState task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return OwnerText.Show(text, Owners.Of(task.AgencyId, task.OwnerUserId));
    }

    /// <summary>The filter as route values, so that an action's form comes back to the same view.</summary>
    public IDictionary<string, string> FilterRoute => Filter is not { } filter
        ? new Dictionary<string, string>()
        : new Dictionary<string, string?>
        {
            ["kind"] = filter.Kind?.ToString(),
            ["agencyId"] = filter.AgencyId?.ToString(),
            ["overdue"] = filter.OverdueAt is null ? null : "true",
            ["reminded"] = filter.RemindedOnly ? "true" : null,
            ["owner"] = filter.OwnerUserId?.ToString(),
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

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
            return LocalRedirect(Url.Page("/Tasks/Index") + FilterQuery());
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
        Agencies = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        CaseAgencies = [.. viewer.AllCaseAgencies().Where(Agencies.ContainsKey).Select(id => Agencies[id]).OrderBy(a => a.Name, StringComparer.CurrentCulture)];
        OwnerChoices = await directory.OwnerChoicesAsync(viewer, cancellationToken);
        Filter = await ReadFilterAsync(viewer, cancellationToken);
        if (Filter is not { } filter)
        {
            return;
        }

        Mine = await queries.MineAsync(viewer, filter, cancellationToken);
        Queue = (await queries.QueueAsync(viewer, filter, cancellationToken)).Value ?? [];
        var members = new Dictionary<Guid, IReadOnlyList<AgencyMember>>();
        foreach (var agencyId in Queue.Select(t => t.AgencyId).Distinct().Where(viewer.Manages))
        {
            members[agencyId] = await directory.MembersAsync(agencyId, viewer, cancellationToken);
        }

        Members = members;
        Owners = await directory.OwnersAsync(Mine.Concat(Queue).Select(t => (t.AgencyId, t.OwnerUserId)), cancellationToken);
    }

    /// <summary>
    /// The filter from the query string, read by the API's rules (<see cref="TaskEndpoints.FilterAsync"/>),
    /// or null with each value the form cannot have sent (an edited or outdated address) named at
    /// its field: an agency the user does not work in shows nothing.
    /// </summary>
    private async Task<TaskFilter?> ReadFilterAsync(CaseViewer viewer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = await TaskEndpoints.FilterAsync(Request.Query, viewer, Now, errors, directory, cancellationToken);
        foreach (var field in errors.Errors.Keys)
        {
            ModelState.AddModelError(field, text[field switch
            {
                "kind" => "Tasks.Filter.UnknownKind",
                "agencyId" => "Tasks.Filter.NotYourAgency",
                "owner" => "Tasks.Filter.UnknownOwner",
                _ => "Tasks.Filter.BadOverdue",
            }]);
        }

        return filter;
    }

    /// <summary>The filter parameters of this request as they were given, so that the view after an action is the one acted from.</summary>
    private QueryString FilterQuery() => QueryString.Create(
        Request.Query.Where(p => FilterKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v))));
}
