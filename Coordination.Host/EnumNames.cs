namespace Coordination.Host;

/// <summary>
/// An enum value read from a query by its name only (any case). <c>Enum.TryParse</c> would also
/// read a number, and a comma list ("Open,Retried", which is also what a repeated parameter binds
/// to) as flags: another value than any the user named.
/// </summary>
internal static class EnumNames
{
    public static T? Find<T>(string? text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : null;
}
