using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Coordination.Host.Pages.Account;
using Microsoft.AspNetCore.WebUtilities;

namespace Coordination.Host.WebUi;

/// <summary>
/// Why a page's request failed, when its status code alone would not tell the user: set on the
/// request before the status is returned, it makes the <c>/Status/{code}</c> page show the texts
/// of <see cref="Kind"/> (<c>Status.{Kind}.Title</c> and <c>.Text</c>, and <c>.Hint</c> where there
/// is one) instead of the code's, with a link back to <see cref="ReturnPath"/>, the page the
/// request was sent to. The status page's own address carries it too
/// (<see cref="StatusPages.Address"/>), so that the page shown again there, in the other language
/// after the language switch, says the same.
/// </summary>
internal sealed record StatusPageReason(string Kind, string? ReturnPath)
{
    public const string OtherContent = "Repeat.OtherContent";

    public const string AccessChanged = "Repeat.AccessChanged";

    public const string StillRunning = "Repeat.StillRunning";

    public const string AlreadyDone = "Repeat.AlreadyDone";

    /// <summary>The form's change met another change of the same record and was not saved (<see cref="StatusPages"/>).</summary>
    public const string ChangedAtTheSameTime = "ChangedAtTheSameTime";

    /// <summary>The reasons the status page has texts for; any other kind (a code's own, such as <c>Forbidden</c>, included) is no reason.</summary>
    private static readonly FrozenSet<string> Kinds = FrozenSet.Create(StringComparer.Ordinal, OtherContent, AccessChanged, StillRunning, AlreadyDone, ChangedAtTheSameTime);

    /// <summary>
    /// The reason for a page's <paramref name="request"/>, leading back to the page it was sent
    /// to: its address without the form's <c>handler</c> (a link opens the page, it sends no form).
    /// </summary>
    public static StatusPageReason Of(string kind, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return new(kind, QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query));
    }

    /// <summary>
    /// The reason as the status page may show it, whoever wrote <paramref name="kind"/> and
    /// <paramref name="returnPath"/> (an address can be crafted): one of the known kinds, or none,
    /// and a way back only to a path on this site, or none.
    /// </summary>
    public static StatusPageReason? Shown(string? kind, string? returnPath) =>
        kind is not null && Kinds.Contains(kind) ? new(kind, IsLocalPath(returnPath) ? returnPath : null) : null;

    /// <summary>The rule of <see cref="SignInModel.SafeReturnUrl"/>: a path on this site, without control characters.</summary>
    private static bool IsLocalPath([NotNullWhen(true)] string? path) =>
        path is not null && SignInModel.SafeReturnUrl(path) == path;
}
