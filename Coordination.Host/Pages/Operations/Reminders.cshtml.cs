using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Runtime.Journal;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartz;

namespace Coordination.Host.Pages.Operations;

/// <summary>
/// The scheduler's reminders and deadlines: those still to fire (Quartz triggers: the kind of
/// message and when, deployment-wide, no record) and the latest the workflows the user
/// administers received (<see cref="Security.WorkflowInstanceOwner"/>).
/// </summary>
public sealed class RemindersModel(ISchedulerFactory schedulers, WorkflowCatalog catalog, CoordinationDbContext db) : PageModel
{
    public IReadOnlyList<UpcomingTimer> Upcoming { get; private set; } = [];

    public IReadOnlyList<WorkflowTransition> Fired { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var timers = new ScheduledTimerQueries(schedulers, catalog, db);
        Upcoming = await timers.UpcomingAsync(HttpContext.RequestAborted);

        // Which workflows received a timer is operational data of whoever answers for them (like the journal).
        var fired = await timers.FiredAsync(100, HttpContext.RequestAborted);
        var visible = await Security.WorkflowInstanceOwner.AdministeredAmongAsync(db, fired.Select(t => t.InstanceId).ToList(), User, HttpContext.RequestAborted);
        Fired = fired.Where(t => visible.Contains(t.InstanceId)).ToList();
    }
}
