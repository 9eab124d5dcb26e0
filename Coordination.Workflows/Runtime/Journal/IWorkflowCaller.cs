namespace Coordination.Workflows.Runtime.Journal;

/// <summary>
/// Who is acting in the current scope (the host: the signed-in user of the HTTP request).
/// Messages sent from outside a consumer carry it as <see cref="WorkflowHeaders.UserId"/>,
/// so the journal names the user as the cause of the transitions they set off.
/// </summary>
public interface IWorkflowCaller
{
    /// <summary>The user's id, or null when no user is signed in.</summary>
    string? UserId { get; }
}
