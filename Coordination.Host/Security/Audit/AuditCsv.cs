using System.Globalization;
using System.Text;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180). Values that a spreadsheet would run as a formula
/// (=, +, -, @, tab, carriage return) are prefixed with an apostrophe.
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
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
