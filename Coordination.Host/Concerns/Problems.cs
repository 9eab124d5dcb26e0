using Microsoft.AspNetCore.Http.HttpResults;

namespace Coordination.Host.Concerns;

/// <summary>RFC 9457 answers that name the field that was wrong or the conflict that stopped the request.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A conflict with members a client reads instead of parsing the detail, e.g. when the step was already taken.</summary>
    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: extensions);

    /// <summary>
    /// The caller's <c>If-Match</c> names a version someone else has replaced since: 412, as for
    /// venues, so a client handles a stale version the same way everywhere.
    /// </summary>
    public static ProblemHttpResult StaleVersion(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} not found", detail: $"No {what.ToLowerInvariant()} with this id is visible to you.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
