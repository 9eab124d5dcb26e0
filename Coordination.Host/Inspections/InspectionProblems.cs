namespace Coordination.Host.Inspections;

/// <summary>Problems that are not about one field: the thing is in another state.</summary>
internal static class InspectionProblems
{
    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>Unknown, or in a municipality or role the user has no access to: the same answer, so nothing leaks.</summary>
    public static IResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} not found", detail: $"No {what.ToLowerInvariant()} with this id is visible to you.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The caller changed a version someone else has changed since (If-Match did not match).</summary>
    public static IResult StaleVersion() =>
        TypedResults.Problem(
            title: "Changed by someone else",
            detail: "The venue was changed after you read it. Read it again, then make your change on the current version.",
            statusCode: StatusCodes.Status412PreconditionFailed);

    /// <summary>Saved by someone else while this change was being saved, with no version named: the 409 of <see cref="Security.ConcurrentChangeHandler"/>.</summary>
    public static IResult ChangedAtTheSameTime() =>
        Conflict(
            "Changed at the same time",
            "Someone else changed this record while your change was being saved; nothing of yours was saved. Load it again and decide whether your change still applies.");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
