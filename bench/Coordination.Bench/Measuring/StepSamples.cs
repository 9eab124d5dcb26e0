using System.Collections.Concurrent;

namespace Coordination.Bench.Measuring;

/// <summary>The latency samples of one pass, per step of the workflow, in milliseconds.</summary>
public sealed class StepSamples
{
    /// <summary>The steps in the order a workflow goes through them, with what each measures.</summary>
    public static readonly IReadOnlyList<(string Step, string Measures)> Steps =
    [
        ("start", "OpenCase sent → CaseOpened observed (case saga inserted, 3 AssignTask + CaseOpened in its outbox)"),
        ("fan-out + schedule", "OpenCase sent → each TaskAssigned observed (2 hops: case commit, task saga inserted with its Quartz reminder)"),
        ("accept + unschedule", "AcceptTask sent → TaskAccepted observed (task saga updated, reminder job deleted)"),
        ("close", "last AcceptTask sent → CaseClosed observed (task commit, then the case counts 3 TaskAccepted and closes)"),
        ("whole workflow", "OpenCase sent → CaseClosed observed"),
    ];

    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> samples = new();

    public void Add(string step, double milliseconds) => samples.GetOrAdd(step, _ => []).Add(milliseconds);

    public IReadOnlyDictionary<string, Percentiles> Summarise() =>
        Steps.ToDictionary(s => s.Step, s => Percentiles.Of(samples.TryGetValue(s.Step, out var bag) ? bag.ToArray() : []));
}
