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

    [GeneratedRegex(@"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")]
    private static partial Regex Shape();
}
