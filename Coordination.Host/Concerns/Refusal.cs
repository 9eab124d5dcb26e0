namespace Coordination.Host.Concerns;

/// <summary>
/// Why a concern query or command did not answer: invalid fields, not found (or not visible),
/// not allowed, or a conflict with the case's state. The API turns it into problem details,
/// a page into messages next to its fields.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal Invalid(Dictionary<string, string[]> errors) => new(RefusalKind.Invalid, "The request has invalid fields", string.Empty, errors);

    public static Refusal Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, $"{what} not found", $"No {what.ToLowerInvariant()} with this id is visible to you.");

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, "Not allowed", detail);

    public static Refusal Conflict(string title, string detail) => new(RefusalKind.Conflict, title, detail);

    /// <summary>The RFC 9457 answer the API has always given for this refusal.</summary>
    public IResult ToProblem() => Kind switch
    {
        RefusalKind.Invalid => Problems.Invalid(new Dictionary<string, string[]>(Errors ?? new Dictionary<string, string[]>())),
        RefusalKind.NotFound => TypedResults.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status404NotFound),
        RefusalKind.Forbidden => TypedResults.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status409Conflict),
    };
}
