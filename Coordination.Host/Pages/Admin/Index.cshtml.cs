using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Coordination.Host.Pages.Admin;

/// <summary>Administration of a municipality: users and memberships, routing rules and deadlines; the licensing unit's administrators also find its inspection settings here.</summary>
public sealed class IndexModel(CoordinationDbContext db) : AdministrationPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    public async Task OnGetAsync() => await ChooseAsync(MunicipalityId, db);
}
