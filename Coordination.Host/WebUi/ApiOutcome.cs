using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Coordination.Host.WebUi;

/// <summary>
/// What an API endpoint handler answered, read by a page that called the handler itself: the
/// status, the body as the API would have written it (same JSON options), the field errors of a
/// validation problem, or the title of another problem. Pages go through the handlers so that
/// validation, access rules and workflow messages are exactly the API's.
/// </summary>
public sealed class ApiOutcome
{
    private ApiOutcome(int status, JsonElement body, IReadOnlyDictionary<string, string[]> errors, string? problemTitle, string? problemDetail, string? content)
    {
        Status = status;
        Body = body;
        Errors = errors;
        ProblemTitle = problemTitle;
        ProblemDetail = problemDetail;
        Content = content;
    }

    public int Status { get; }

    /// <summary>The response body as JSON; <c>Undefined</c> when there is none.</summary>
    public JsonElement Body { get; }

    /// <summary>Field errors keyed as the API names them (<c>organisationNumber</c>, <c>items[1].note</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public string? ProblemTitle { get; }

    public string? ProblemDetail { get; }

    /// <summary>The text of a content result (HTML, Mermaid).</summary>
    public string? Content { get; }

    public bool Succeeded => Status is >= 200 and < 300;

    public bool NotFound => Status == StatusCodes.Status404NotFound;

    public static ApiOutcome From(IResult result, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(http);
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        switch (result)
        {
            case ValidationProblem validation:
                return new ApiOutcome(validation.StatusCode, default, validation.ProblemDetails.Errors.ToDictionary(), validation.ProblemDetails.Title, validation.ProblemDetails.Detail, null);
            case ProblemHttpResult problem:
                var errors = problem.ProblemDetails is Microsoft.AspNetCore.Http.HttpValidationProblemDetails v ? v.Errors.ToDictionary() : new Dictionary<string, string[]>();
                return new ApiOutcome(problem.StatusCode, default, errors, problem.ProblemDetails.Title, problem.ProblemDetails.Detail, null);
            case ContentHttpResult content:
                return new ApiOutcome(content.StatusCode ?? StatusCodes.Status200OK, default, new Dictionary<string, string[]>(), null, null, content.ResponseContent);
            case IValueHttpResult { Value: { } value }:
                var options = result.GetType().GetProperty("JsonSerializerOptions")?.GetValue(result) as JsonSerializerOptions
                    ?? http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                return new ApiOutcome(status, JsonSerializer.SerializeToElement(value, value.GetType(), options), new Dictionary<string, string[]>(), null, null, null);
            default:
                return new ApiOutcome(status, default, new Dictionary<string, string[]>(), null, null, null);
        }
    }
}
