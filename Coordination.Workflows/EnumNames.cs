namespace Coordination.Workflows;

/// <summary>
/// An enum value read by its name only (any case, unless <c>comparison</c> says otherwise), from a
/// query, a request, a form, a setting or stored JSON. <c>Enum.TryParse</c> would also read a
/// number, and a comma list ("Open,Retried", which is also what a repeated parameter binds to) as
/// flags: another value than any the user named.
/// </summary>
public static class EnumNames
{
    public static T? Find<T>(string? text, StringComparison comparison = StringComparison.OrdinalIgnoreCase)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, comparison)) is { } name ? Enum.Parse<T>(name) : null;
}
