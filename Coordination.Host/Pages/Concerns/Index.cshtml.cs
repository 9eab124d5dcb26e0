using System.Globalization;
using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The concerns this user may find again (<see cref="ConcernList"/>, the same as
/// <c>GET /api/concerns</c>), filtered by open or closed, category, urgency and a name or
/// personal identity number, 25 to a page. A filter value the form cannot have sent (an edited
/// address) is named at its field instead of being ignored.
/// </summary>
public sealed class IndexModel(ConcernList list, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public ConcernListFilter Filter { get; private set; } = new();

    public ConcernListPage? Result { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        if (ConcernListEndpoints.Filter(Request.Query, errors) is not { } filter)
        {
            // The form sends only values it offers: these come from an edited or outdated address.
            foreach (var field in errors.Errors.Keys)
            {
                var (key, message) = field switch
                {
                    "q" => (field, "Concerns.SearchTooLong"),
                    "page" or "pageSize" => ("", "Concerns.BadPage"),
                    _ => (field, "Concerns.UnknownFilter"),
                };
                ModelState.AddModelError(key, text[message]);
            }

            return Page();
        }

        Filter = filter;
        Result = await list.ListAsync(User.Viewer(), filter, cancellationToken);

        // A page past the end (an old link, the list shorter since) shows the last one, at its own address.
        return Result.Total > 0 && Result.Page > Result.Pages ? LocalRedirect(PageUrl(Result.Pages)) : Page();
    }

    /// <summary>
    /// The address of another page of the same list. The query string is written here: given to
    /// <c>Url.Page</c> as a route value, <c>page</c> would be taken for the Razor page's name.
    /// </summary>
    public string PageUrl(int page) => QueryHelpers.AddQueryString(Url.Page("/Concerns/Index")!, new Dictionary<string, string?>
    {
        ["status"] = Filter.Status == ConcernListStatus.Open ? null : Filter.Status.ToString().ToLowerInvariant(),
        ["category"] = Filter.Category?.ToString(),
        ["urgency"] = Filter.Urgency?.ToString(),
        ["q"] = Filter.Search,
        ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture),
        ["pageSize"] = Filter.PageSize == ConcernList.DefaultPageSize ? null : Filter.PageSize.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null));
}
