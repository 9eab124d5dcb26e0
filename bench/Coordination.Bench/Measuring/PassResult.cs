namespace Coordination.Bench.Measuring;

/// <summary>One pass of N workflows: throughput, latency per step and, for the peak passes, where the machine's time went.</summary>
public sealed record PassResult(
    string Pass,
    int Workflows,
    int Completed,
    double Seconds,
    double? TargetWorkflowsPerSecond,
    IReadOnlyDictionary<string, Percentiles> Steps,
    PassCpu? Cpu = null)
{
    /// <summary>Case: open + closing count ×3; each task: assigned + accepted.</summary>
    public const int TransitionsPerWorkflow = 10;

    public double WorkflowsPerSecond => Completed / Seconds;

    public double TransitionsPerSecond => Completed * TransitionsPerWorkflow / Seconds;
}
