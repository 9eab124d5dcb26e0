using System.Globalization;
using System.Text;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180, comma-separated). A value holds text anyone can write (a failed
/// sign-in's address is its actor), and Excel splits a line at its list separator, which in Sweden
/// is the semicolon, not the comma, and does not then read the commas' quotes: any piece of a value
/// after a comma, a semicolon, a line break or a quote can become a cell of its own. So every such
/// piece that would start like a formula (=, +, -, @, tab, carriage return, after any spaces) is
/// prefixed with an apostrophe, not only the value's start; and a value with a semicolon is quoted
/// like one with a comma.
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
        var safe = WithoutFormulas(value);
        return safe.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string WithoutFormulas(string value)
    {
        var safe = new StringBuilder(value.Length);
        var cellStart = true;
        foreach (var c in value)
        {
            if (cellStart && c is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                safe.Append('\'');
            }

            safe.Append(c);
            cellStart = c is ',' or ';' or '"' or '\r' or '\n' || (cellStart && c == ' ');
        }

        return safe.ToString();
    }
}
