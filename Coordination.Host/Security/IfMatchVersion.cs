using System.Globalization;

namespace Coordination.Host.Security;

/// <summary>
/// <c>If-Match</c> as the versioned writes read it (venues, routing rules): empty or <c>*</c> for
/// any version, else one version in quotes, as <c>ETag</c> and <c>version</c> answer it. Anything
/// else (<c>3</c> unquoted, a weak <c>W/"3"</c>, a list) is a 400 naming <c>If-Match</c>, not a
/// 412 saying someone else changed a version the client never named.
/// </summary>
internal static class IfMatchVersion
{
    public const string Header = "If-Match";

    public static bool TryRead(string ifMatch, out int? version)
    {
        version = null;
        if (ifMatch.Length == 0 || ifMatch == "*")
        {
            return true;
        }

        if (ifMatch.Length > 2 && ifMatch[0] == '"' && ifMatch[^1] == '"'
            && int.TryParse(ifMatch.AsSpan(1, ifMatch.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            version = v;
            return true;
        }

        return false;
    }

    /// <summary>The message of the 400, naming what was read (<c>the rules were</c>, <c>the venue was</c>).</summary>
    public static string Unreadable(string whatWasRead) =>
        $"The version {whatWasRead} read at, in quotes as GET answers it (\"3\"), or * for any version.";
}
