using System.Security.Claims;

namespace Coordination.Host.Security;

/// <summary>
/// Scopes on API client bearer tokens: <c>read</c> allows GET and HEAD, <c>write</c> the
/// state-changing methods. Cookies (the web UI) carry no scope claim and are guarded by
/// SameSite=Strict and antiforgery instead (docs/security.md).
/// </summary>
internal static class ApiScopes
{
    public const string ClaimType = "scope";
    public const string Read = "read";
    public const string Write = "write";

    public static readonly IReadOnlyList<string> All = [Read, Write];

    /// <summary>The requested scopes, the default when none are asked for; errors name the field.</summary>
    public static IReadOnlyList<string> Requested(IReadOnlyList<string>? requested, Dictionary<string, string[]> errors)
    {
        if (requested is null)
        {
            return All;
        }

        if (requested.Count == 0 || requested.Count > All.Count)
        {
            errors["scopes"] = [$"Ask for one or more of: {string.Join(", ", All)}."];
            return [];
        }

        for (var i = 0; i < requested.Count; i++)
        {
            if (!All.Contains(requested[i]))
            {
                errors[$"scopes[{i}]"] = [$"Not one of: {string.Join(", ", All)}."];
            }
        }

        return requested.Distinct().ToList();
    }

    public static bool Allows(ClaimsPrincipal user, string method)
    {
        var scopes = user.FindAll(ClaimType).Select(c => c.Value).ToList();
        if (scopes.Count == 0)
        {
            return true;
        }

        var needed = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? Read : Write;
        return scopes.Contains(needed);
    }
}
