using System.Text;

namespace Coordination.Host.Security;

/// <summary>
/// Text written to a CSV file that a spreadsheet will open: the audit log's export and the pages'
/// tables. Values hold text anyone can write (a failed sign-in's address, a venue's name in a task's
/// title), and Excel splits a line at its list separator, which is the semicolon in Sweden and the
/// comma elsewhere, reading quotes only at a cell's start: any piece of a value after a comma, a
/// semicolon, a line break or a quote can become a cell of its own, and one that starts like a
/// formula runs as one. So every such piece is guarded, not only the value's start, and a value with
/// either separator is quoted, whichever of them the file itself is separated by.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>
    /// The value with an apostrophe, which Excel reads as "this cell is text", before every piece that
    /// would start like a formula (=, +, -, @, tab, carriage return, after any spaces): at the value's
    /// start and after every comma, semicolon, quote or line break.
    /// </summary>
    public static string WithoutFormulas(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

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

    /// <summary>Whether the value is quoted: it holds a comma or a semicolon (either may be the separator), a quote or a line break.</summary>
    public static bool NeedsQuotes(ReadOnlySpan<char> value) => value.IndexOfAny(",;\"\r\n") >= 0;
}
