namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>Where an operator stands with an <see cref="Incident"/>.</summary>
public enum IncidentStatus
{
    /// <summary>The message failed after every retry and lies in the error queue.</summary>
    Open = 1,

    /// <summary>An operator has sent the message again; it has not been consumed yet.</summary>
    Retried = 2,

    /// <summary>The message sent again was consumed (the inbox has its id).</summary>
    Resolved = 3,
}
