using System.Text.RegularExpressions;
using Coordination.Host.Security;
using Coordination.Host.Tests.Concerns;

namespace Coordination.Host.Tests.Security;

/// <summary>The raise-concern page's form as a browser sends it: the tokens the page drew and a valid concern; and those tokens read from any page.</summary>
internal static partial class RaiseForm
{
    public const string Page = "/Concerns/Raise";

    /// <summary>Fetches the page and fills in its form; the second field is the idempotency key the page drew.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FilledAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync(new Uri(Page, UriKind.Relative));
        return
        [
            new("__RequestVerificationToken", Token(page)),
            new(IdempotentRequests.FormField, Key(page)),
            new("Input.PersonalIdentityNumber", ConcernRequests.FourteenYearOld),
            new("Input.School", "Älvby skola"),
            new("Input.Categories", "Truancy"),
            new("Input.Urgency", "Normal"),
            new("Input.Description", "Often absent."),
            new("Input.GuardianKnowledge", "The mother knows."),
        ];
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string Token(string page) => AntiforgeryToken().Match(page).Groups["value"].Value;

    /// <summary>The idempotency key a page's form carries.</summary>
    public static string Key(string page) => FormKey().Match(page).Groups["value"].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"__IdempotencyKey\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormKey();
}
