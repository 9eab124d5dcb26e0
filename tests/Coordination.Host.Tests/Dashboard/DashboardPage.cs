using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Coordination.Host.Tests.Dashboard;

/// <summary>The managers' dashboard as its HTML reads: the table of overdue counts per agency, and the weekly figures under the chart.</summary>
internal static partial class DashboardPage
{
    /// <summary>The page (or an export) as the signed-in browser gets it, with entities decoded.</summary>
    public static async Task<string> ReadAsync(HttpClient browser, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return WebUtility.HtmlDecode(body);
    }

    /// <summary>An export as the browser downloads it.</summary>
    public static async Task<string> DownloadAsync(HttpClient browser, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>"Försenat just nu": per agency, the tasks, assessments, reviews and inspection tasks, in the table's order.</summary>
    public static IReadOnlyDictionary<string, int[]> Counts(string html) =>
        Rows(html, "overdue-counts").ToDictionary(r => r.Header, r => r.Cells);

    /// <summary>The chart's figures as its table gives them, oldest week first.</summary>
    public static IReadOnlyList<(string Header, int[] Cells)> Trend(string html) => Rows(html, "overdue-trend");

    /// <summary>The rows of the table with this id (or labelled by the element with it): each row's header, and its cells as numbers.</summary>
    public static IReadOnlyList<(string Header, int[] Cells)> Rows(string html, string tableId) =>
        [.. Rows(Table(html, tableId))];

    private static string Table(string html, string id)
    {
        // By its id, or by the heading that names it (aria-labelledby).
        var table = Regex.Match(html, $"<table (?:id|aria-labelledby)=\"{id}\".*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {id} on the page");
        return table.Value;
    }

    private static IEnumerable<(string Header, int[] Cells)> Rows(string table) =>
        RowPattern().Matches(table).Select(r => (
            r.Groups["header"].Value.Trim(),
            CellPattern().Matches(r.Groups["cells"].Value).Select(c => int.Parse(c.Groups["value"].Value, CultureInfo.InvariantCulture)).ToArray()));

    [GeneratedRegex("<tr><th scope=\"row\">(?<header>.*?)</th>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>\\s*(?<value>\\d+)\\s*</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();
}
