using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Coordination.Host.Security;

/// <summary>
/// Turns what a client sent wrong into RFC 9457 problem details naming the field, instead of a
/// bare 400 or a 500: a body that is not JSON, a value of the wrong type, an unknown field, a
/// missing body, a query value that does not parse, a body over the size limit.
/// </summary>
internal sealed partial class ClientErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request has invalid fields",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = bad });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", bad.Message);
        }

        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
            var unknown = UnknownMember().Match(json.Message);
            if (unknown.Success)
            {
                var member = unknown.Groups[1].Value;
                return (path.Length == 0 ? member : path.EndsWith(member, StringComparison.Ordinal) ? path : $"{path}.{member}", "This field is not part of the request.");
            }

            return (path.Length == 0 ? "body" : path, json.Message == PlainText.Refusal ? PlainText.Refusal : "This value cannot be read: check its type and format.");
        }

        var parameter = Parameter().Match(bad.Message);
        if (bad.Message.Contains("body", StringComparison.Ordinal) || bad.Message.Contains("JSON", StringComparison.Ordinal))
        {
            return ("body", bad.Message.Contains("not provided", StringComparison.Ordinal) ? "A JSON body is required." : "The body cannot be read as JSON of the expected shape.");
        }

        return parameter.Success
            ? (parameter.Groups[1].Value, bad.Message.Contains("not provided", StringComparison.Ordinal) ? "This value is required." : "This value cannot be read: check its type and format.")
            : ("body", "The request cannot be read.");
    }

    [GeneratedRegex("""parameter "[^" ]+ (\w+)""")]
    private static partial Regex Parameter();

    [GeneratedRegex("""property '([^']+)' could not be mapped""")]
    private static partial Regex UnknownMember();
}
