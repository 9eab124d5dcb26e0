using Coordination.Bench.Backends;

namespace Coordination.Bench.Measuring;

/// <summary>
/// What the bus alone allows on this machine: the same sagas, workload and harness on the same
/// RabbitMQ, with the sagas in memory, no inbox, outbox or journal, and timers not stored. No
/// persistence design can make the durable runtime faster than this, so it bounds what the
/// throughput target can ask of the database side.
/// </summary>
public static class BusCeiling
{
    public static async Task<PassResult> RunAsync(BenchBackend stack, int workflows, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(stack);
        await using var host = await BenchHost.StartAsync(stack, durable: false);
        var runner = new WorkloadRunner(host, TimeSpan.FromSeconds(Math.Max(60, workflows)));
        var warmUp = await runner.WarmUpAsync(inFlight);
        Console.WriteLine($"[bench] bus-only ceiling ({stack.Name}) warm-up: {warmUp}");
        var peak = await StackBenchmark.MeasuredPeakAsync(runner, "bus-only ceiling", workflows, inFlight);
        Console.WriteLine($"[bench] bus-only ceiling ({stack.Name}, nothing stored): {peak.Completed}/{peak.Workflows} in {peak.Seconds:F1} s = {peak.WorkflowsPerSecond:F1} workflows/s, {peak.TransitionsPerSecond:F0} transitions/s");
        Console.WriteLine($"[bench] bus-only ceiling: {peak.Cpu?.ToString() ?? "machine time not measured (no /proc)"}");
        return peak;
    }
}
