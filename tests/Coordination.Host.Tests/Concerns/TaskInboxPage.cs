using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Security;

namespace Coordination.Host.Tests.Concerns;

/// <summary>The task inbox page (/Tasks) as a browser reads it: the page, and the tasks each of its lists shows.</summary>
internal static partial class TaskInboxPage
{
    public static async Task<string> PageAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {address}: {(int)response.StatusCode}{UnhandledExceptionHeader.Of(response)}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A client signed in with the cookie, as a browser is; it follows no redirect.</summary>
    public static async Task<HttpClient> SignedInAsync(SecurityHost host, string email)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await client.PostAsJsonAsync("/api/auth/signin", new { email, password = ApiUsers.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return client;
    }

    /// <summary>The row of one task in one list ("mine" or "queue"), or empty when the list does not show it.</summary>
    public static string Row(string html, string list, Guid task)
    {
        var table = Regex.Match(html, $"<table id=\"{list}-table\".*?</table>", RegexOptions.Singleline);
        var row = Regex.Match(table.Value, $"<tr data-task-id=\"{task}\">.*?</tr>", RegexOptions.Singleline);
        return row.Value;
    }

    /// <summary>The tasks of one list ("mine" or "queue"), in the order shown.</summary>
    public static List<Guid> Rows(string html, string list)
    {
        var table = Regex.Match(html, $"<table id=\"{list}-table\".*?</table>", RegexOptions.Singleline);
        return table.Success ? [.. TaskRow().Matches(table.Value).Select(m => Guid.Parse(m.Groups["id"].Value))] : [];
    }

    [GeneratedRegex("<tr data-task-id=\"(?<id>[0-9a-f-]{36})\"")]
    private static partial Regex TaskRow();
}
