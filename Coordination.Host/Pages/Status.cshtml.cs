using Coordination.Host.WebUi;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages;

/// <summary>
/// The page a browser sees for a failed request (see <c>WebUi/StatusPages</c>). A 404 does not say
/// whether the thing exists: pages answer 404 for records the user may not see. Where the request
/// said why it failed (<see cref="StatusPageReason"/>, as for a form sent again), the page says
/// that instead and leads back to the page the form was sent to. Opened at its own
/// <see cref="Address"/> (where the language switch returns to), it reads the reason from there,
/// as far as <see cref="StatusPageReason.Shown"/> lets an address say anything.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>The resource key of the title and text: <c>Status.{Kind}.Title</c>, <c>Status.{Kind}.Text</c> (and <c>Status.{Kind}.Hint</c> where there is one).</summary>
    public string Kind { get; private set; } = "Error";

    /// <summary>The page the failed request was sent to, when the reason for the failure names it: a way back.</summary>
    public string? ReturnPath { get; private set; }

    /// <summary>
    /// Whether the page is the answer to the failed request itself, which a reload sends again.
    /// Opened at its <see cref="Address"/> it is not, and a hint (<c>Status.{Kind}.Hint</c>: reload
    /// to see the result) would mislead, so it is left out.
    /// </summary>
    public bool AnswersFailedRequest { get; private set; }

    /// <summary>The address that shows this page again, its reason included: the failed request's address would send it again, and a re-executed page's request names only <c>/Status/{code}</c>.</summary>
    public string Address { get; private set; } = "/";

    public IActionResult OnGet(
        int code,
        [FromQuery(Name = StatusPages.ReasonParameter)] string? reason,
        [FromQuery(Name = StatusPages.ReturnPathParameter)] string? returnPath) =>
        Show(code, StatusPageReason.Shown(reason, returnPath));

    /// <summary>A failed form post is shown by re-running the request as a post.</summary>
    public IActionResult OnPost(int code) => Show(code, null);

    private IActionResult Show(int code, StatusPageReason? addressed)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (RequestKind.IsApi(HttpContext))
        {
            // An API client that asks for this page gets problem details, like everywhere else.
            return StatusCode(Code);
        }

        Response.StatusCode = Code;
        Kind = Code switch
        {
            StatusCodes.Status400BadRequest => "BadRequest",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => "NotFound",
            StatusCodes.Status429TooManyRequests => "TooMany",
            _ => "Error",
        };
        var reason = HttpContext.Features.Get<StatusPageReason>() is { } set ? StatusPageReason.Shown(set.Kind, set.ReturnPath) : addressed;
        if (reason is not null)
        {
            Kind = reason.Kind;
            ReturnPath = reason.ReturnPath;
        }

        AnswersFailedRequest = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        Address = StatusPages.Address(Code, reason);
        return Page();
    }
}
