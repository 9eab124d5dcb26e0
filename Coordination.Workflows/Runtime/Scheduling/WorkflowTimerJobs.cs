namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// The Quartz job group holding the state machines' timers (one job per Schedule), apart from
/// the service's own recurring jobs such as retention, so operators and tests can tell them apart.
/// </summary>
public static class WorkflowTimerJobs
{
    public const string Group = "scheduled-sends";
}
