namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// A named lease that at most one host holds at a time, e.g. the right to run the outbox
/// relay. A holder renews it before <see cref="ExpiresAt"/>; after that anyone may take it.
/// </summary>
public sealed class RuntimeLease
{
    public required string Name { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
