using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Runtime.Journal;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartz;

namespace Coordination.Host.Pages.Operations;

/// <summary>The scheduler's reminders and deadlines: those still to fire (Quartz triggers) and the latest the workflows received.</summary>
public sealed class RemindersModel(ISchedulerFactory schedulers, WorkflowCatalog catalog, CoordinationDbContext db) : PageModel
{
    public IReadOnlyList<UpcomingTimer> Upcoming { get; private set; } = [];

    public IReadOnlyList<WorkflowTransition> Fired { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var timers = new ScheduledTimerQueries(schedulers, catalog, db);
        Upcoming = await timers.UpcomingAsync(HttpContext.RequestAborted);
        Fired = await timers.FiredAsync(100, HttpContext.RequestAborted);
    }
}
