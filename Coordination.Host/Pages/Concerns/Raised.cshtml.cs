using Coordination.Host.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The receipt after raising: the deadlines social services now work to, read from the stored
/// concern (its workflow's deadlines once it has started, until then computed from the time it
/// was raised as the raise command did), for its reporter (<see cref="ConcernAccess.IsReporter"/>). Nothing is taken from the
/// address, so a link cannot show a reporter a deadline that is not the concern's.
/// </summary>
public sealed class RaisedModel(CoordinationDbContext db) : PageModel
{
    public Guid Id { get; private set; }

    public DateTimeOffset? ProtectiveAssessmentDue { get; private set; }

    public DateTimeOffset? PreliminaryAssessmentDue { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        var concern = await db.Set<Concern>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (concern is null || !ConcernAccess.IsReporter(viewer, concern))
        {
            return NotFound();
        }

        Id = id;
        var state = await db.Set<ConcernState>().AsNoTracking().FirstOrDefaultAsync(s => s.CorrelationId == id, cancellationToken);
        if (state is not null)
        {
            (ProtectiveAssessmentDue, PreliminaryAssessmentDue) = (state.ProtectiveAssessmentDue, state.PreliminaryAssessmentDue);
        }
        else
        {
            var (_, rules) = await db.CurrentAsync(concern.MunicipalityId, cancellationToken);
            (ProtectiveAssessmentDue, PreliminaryAssessmentDue) = RaiseConcern.DeadlinesFor(rules.Calendar(), concern.RaisedAt);
        }

        return Page();
    }
}
