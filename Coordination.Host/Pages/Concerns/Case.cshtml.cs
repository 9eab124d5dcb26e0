using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Concerns.Chronology;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The case view: the concern and its chronology exactly as <see cref="ConcernQueries"/> cuts
/// them for this user (the reporter, another agency with a legal basis, or social services).
/// </summary>
public sealed class CaseModel(ConcernQueries queries, AgencyDirectory directory) : PageModel
{
    public ConcernView View { get; private set; } = null!;

    public IReadOnlyList<CaseEvent> Chronology { get; private set; } = [];

    public IReadOnlyDictionary<Guid, AgencyName> Agencies { get; private set; } = new Dictionary<Guid, AgencyName>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        var answer = await queries.GetAsync(id, viewer, cancellationToken);
        if (answer.Value is not { } view)
        {
            return answer.Refusal!.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        View = view;
        Chronology = (await queries.ChronologyAsync(id, viewer, cancellationToken)).Value ?? [];
        Agencies = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        return Page();
    }
}
