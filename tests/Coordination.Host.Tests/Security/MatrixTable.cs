using System.Text;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The table layout both access matrices write into docs/security.md: one column per agency of
/// Älvby holding its five roles' answers in order, and a last column for every agency of Sjöstad
/// (the police excepted, who serve both), collapsed to <c>*</c> where those agencies differ.
/// </summary>
internal static class MatrixTable
{
    public const string RolesLegend = "Each cell lists the answer to the five roles of that agency in order: **S**taff, **M**anager, **C**oordinator, **A**dministrator, a**U**ditor.";

    public static void AppendHeader(StringBuilder text, string first, string second)
    {
        var agencies = SecurityWorld.AgencySlugs;
        text.AppendLine($"| {first} | {second} | " + string.Join(" | ", agencies) + " | Sjöstad (all agencies) |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", agencies.Length + 1)));
    }

    /// <summary>One row; <paramref name="cell"/> gives the code for an agency, role and municipality domain.</summary>
    public static void AppendRow(StringBuilder text, string first, string second, Func<string, string, string, string> cell)
    {
        var agencies = SecurityWorld.AgencySlugs;
        var columns = agencies.Select(a => string.Concat(SecurityWorld.Roles.Select(r => cell(a, r, SecurityWorld.Alvby))));
        var sjostad = string.Concat(SecurityWorld.Roles.Select(r =>
        {
            var codes = agencies.Where(a => a != "police").Select(a => cell(a, r, SecurityWorld.Sjostad)).Distinct().ToList();
            return codes.Count == 1 ? codes[0] : "*";
        }));
        text.AppendLine($"| {first} | {second} | " + string.Join(" | ", columns.Select(c => $"`{c}`")) + $" | `{sjostad}` |");
    }
}
