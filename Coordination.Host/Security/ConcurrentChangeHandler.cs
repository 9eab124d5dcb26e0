using Microsoft.AspNetCore.Diagnostics;
using Coordination.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Security;

/// <summary>
/// Two people changing one record at the same moment (a double-clicked decision, two officers
/// on one case): the later save finds the record's version moved on, or the key it inserts
/// already taken by the first, and is rolled back whole. It answers 409 with problem details instead of a 500; asking again meets the record as the
/// first change left it.
/// </summary>
internal sealed class ConcurrentChangeHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A version that moved on, or a key another request inserted first: a race, not a defect.
        if (exception is not DbUpdateConcurrencyException && !DatabaseConflicts.IsUniqueViolation(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed at the same time",
                Detail = "Someone else changed this record while your change was being saved; nothing of yours was saved. Load it again and decide whether your change still applies.",
            },
        });
    }
}
