using System.Globalization;
using System.Text;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180, comma-separated). A value holds text anyone can write (a failed
/// sign-in's address is its actor), so each is written as <see cref="SpreadsheetText"/> says: every
/// piece that a spreadsheet may split off and that would start like a formula is prefixed with an
/// apostrophe, and a value with a semicolon is quoted like one with a comma.
/// </summary>
internal static class AuditCsv
{
    private static readonly string[] Header =
        ["sequence", "at", "actorUserId", "actor", "action", "subjectType", "subjectId", "municipalityId", "basis", "detail", "previousHash", "hash"];

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var e in entries)
        {
            Line(csv,
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorUserId?.ToString() ?? "", e.Actor,
                e.Action.ToString(), e.SubjectType, e.SubjectId, e.MunicipalityId?.ToString() ?? "", e.Basis, e.Detail, e.PreviousHash, e.Hash,
            ]);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(values[i]));
        }

        csv.Append("\r\n");
    }

    private static string Field(string value)
    {
        var safe = SpreadsheetText.WithoutFormulas(value);
        return SpreadsheetText.NeedsQuotes(safe) ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
