namespace Coordination.Workflows.Runtime.Journal;

/// <summary>Message headers the journal reads.</summary>
public static class WorkflowHeaders
{
    /// <summary>Set by HTTP endpoints on the messages they send: the id of the signed-in user.</summary>
    public const string UserId = "Coordination-UserId";

    /// <summary>The cause of a transition no user asked for (timers, other workflows).</summary>
    public const string SystemCause = "system";
}
