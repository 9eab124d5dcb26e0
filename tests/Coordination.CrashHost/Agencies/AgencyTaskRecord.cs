namespace Coordination.CrashHost.Agencies;

/// <summary>
/// The agency's own record of a task it was given. Deliberately without a unique index on
/// <see cref="TaskId"/>: a message processed twice shows as a second row, which the test counts.
/// </summary>
public sealed class AgencyTaskRecord
{
    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
