namespace Coordination.CrashHost.Agencies;

/// <summary>The reporter's notice that a case closed: the last message of a workflow, counted by the test.</summary>
public sealed class ClosureNotice
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
