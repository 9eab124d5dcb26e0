using Coordination.Host.WebUi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages;

/// <summary>
/// The page a browser sees for a failed request (see <c>WebUi/StatusPages</c>). A 404 does not say
/// whether the thing exists: pages answer 404 for records the user may not see. Where the request
/// said why it failed (<see cref="StatusPageReason"/>, as for a form sent again), the page says
/// that instead and leads back to the page the form was sent to.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>The resource key of the title and text: <c>Status.{Kind}.Title</c>, <c>Status.{Kind}.Text</c> (and <c>Status.{Kind}.Hint</c> where there is one).</summary>
    public string Kind { get; private set; } = "Error";

    /// <summary>The page the failed request was sent to, when the reason for the failure names it: a way back.</summary>
    public string? ReturnPath { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    /// <summary>A failed form post is shown by re-running the request as a post.</summary>
    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
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
        if (HttpContext.Features.Get<StatusPageReason>() is { } reason)
        {
            Kind = reason.Kind;
            ReturnPath = Url.IsLocalUrl(reason.ReturnPath) ? reason.ReturnPath : null;
        }

        return Page();
    }
}
