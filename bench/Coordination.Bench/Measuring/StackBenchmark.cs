using System.Diagnostics;
using Coordination.Bench.Backends;

namespace Coordination.Bench.Measuring;

/// <summary>Warm-up, a pass at peak rate, then a pass at half the peak rate, on one stack.</summary>
public static class StackBenchmark
{
    public static async Task<StackResult> RunAsync(BenchBackend stack, int workflows, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var timeout = TimeSpan.FromSeconds(Math.Max(60, workflows));
        await using var host = await BenchHost.StartAsync(stack);
        var runner = new WorkloadRunner(host, timeout);

        Log(stack, $"warm-up: rounds of {WorkloadRunner.WarmUpRound} workflows until the JIT takes at most {WorkloadRunner.SettledJitShare:P0} of a round");
        var warmUp = await runner.WarmUpAsync(inFlight);
        Log(stack, $"warm-up: {warmUp}");

        Log(stack, $"peak: {workflows} workflows, at most {inFlight} in flight");
        var peak = await MeasuredPeakAsync(runner, "peak", workflows, inFlight);
        Log(stack, $"peak: {peak.Completed}/{peak.Workflows} in {peak.Seconds:F1} s = {peak.WorkflowsPerSecond:F1} workflows/s, {peak.TransitionsPerSecond:F0} transitions/s");
        Log(stack, $"peak: {peak.Cpu?.ToString() ?? "machine time not measured (no /proc)"}");

        var half = Math.Max(0.1, peak.WorkflowsPerSecond / 2);
        Log(stack, $"half rate: {workflows} workflows started at {half:F1}/s");
        var halfRate = await runner.AtRateAsync("half rate", workflows, half);
        Log(stack, $"half rate: {halfRate.Completed}/{halfRate.Workflows} in {halfRate.Seconds:F1} s");

        var check = await FinalCheck.ReadAsync(stack);
        Log(stack, $"database after both passes: {check}");
        using var self = Process.GetCurrentProcess();
        return new StackResult(stack.Name, warmUp, peak, halfRate, self.PeakWorkingSet64 / 1024.0 / 1024.0, check);
    }

    /// <summary>A peak pass with the machine's CPU read before and after it.</summary>
    public static async Task<PassResult> MeasuredPeakAsync(WorkloadRunner runner, string pass, int workflows, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var before = MachineCpu.Read();
        var peak = await runner.PeakAsync(pass, workflows, inFlight);
        return peak with { Cpu = PassCpu.Between(before, MachineCpu.Read(), peak.Completed * PassResult.TransitionsPerWorkflow) };
    }

    private static void Log(BenchBackend stack, string message) => Console.WriteLine($"[bench] {stack.Name}: {message}");
}
