using System.Buffers;

namespace Coordination.Host.Security;

/// <summary>
/// What text a client may send: anything but control characters other than tab, line feed and
/// carriage return (C0 controls and DEL). PostgreSQL refuses NUL in text outright (the request failed with a 500), and
/// the other C0 controls are no part of anything a person types; they would only reach exports,
/// logs and other agencies' screens. Tab and line breaks stay: descriptions and reasons are
/// multi-line, and fields that must be one line say so themselves.
/// </summary>
internal static class PlainText
{
    public const string Refusal = "Text may not contain control characters (such as NUL); only tabs and line breaks are allowed.";

    private static readonly SearchValues<char> Refused = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007f']);

    public static bool IsAllowed(ReadOnlySpan<char> text) => !text.ContainsAny(Refused);
}
