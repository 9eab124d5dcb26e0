namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>What became of an operator's request to send an incident's message again.</summary>
public enum IncidentRetryResult
{
    Retried = 1,
    NotFound = 2,

    /// <summary>The incident was already retried or resolved.</summary>
    NotOpen = 3,
}
