using System.Text.RegularExpressions;

namespace Coordination.Host.Security;

/// <summary>
/// Hides anything shaped like a personnummer or samordningsnummer (YYMMDD-NNNN, YYYYMMDDNNNN …)
/// in text bound for logs. Organisation numbers have the same shape and are hidden too.
/// </summary>
internal static partial class PersonnummerMask
{
    public const string Masked = "[personnummer]";

    public static string Mask(string text) => string.IsNullOrEmpty(text) ? text : Shape().Replace(text, Masked);

    // Not inside a longer run of digits, and not a group of a GUID (whose groups are hex digits
    // joined by dashes): ids in logs stay whole.
    [GeneratedRegex(@"(?<![0-9A-Fa-f]|[0-9A-Fa-f]-)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d|-[0-9A-Fa-f])")]
    private static partial Regex Shape();
}
