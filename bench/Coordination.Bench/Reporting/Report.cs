using System.Globalization;
using System.Text;
using Coordination.Bench.Measuring;
using Coordination.Bench.References;

namespace Coordination.Bench.Reporting;

/// <summary>The results table of one bench/run.sh, with the ratios to the machine's references and the targets of issue 3.</summary>
public sealed class Report(StackResult sqlite, StackResult postgres, RabbitMqResult rabbitMq, PassResult busCeiling, double pgbenchTps, string command, DateTimeOffset at)
{
    /// <summary>Target: transitions/s on PostgreSQL + RabbitMQ at least this share of pgbench TPS.</summary>
    public const double ThroughputTarget = 0.5;

    /// <summary>Target: p99 of every step at half the peak rate, in milliseconds.</summary>
    public const double LatencyTargetMs = 100;

    /// <summary>Messages through the bus per workflow: OpenCase, 3 AssignTask, CaseOpened, 3 TaskAssigned, 3 AcceptTask, 3 TaskAccepted, CaseClosed.</summary>
    public const int BusMessagesPerWorkflow = 15;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private double ThroughputRatio => postgres.Peak.TransitionsPerSecond / pgbenchTps;

    /// <summary>The worst p99 of the workflow's steps (not the whole workflow) in the half-rate pass.</summary>
    private double HalfRateP99 => StepsOnly(postgres.HalfRate).Max(s => s.Value.P99);

    /// <summary>What MassTransit and RabbitMQ alone allow, against the same reference: no persistence design can exceed it.</summary>
    private double CeilingRatio => busCeiling.TransitionsPerSecond / pgbenchTps;

    private double BusRatio => postgres.Peak.WorkflowsPerSecond * BusMessagesPerWorkflow / rabbitMq.MessagesPerSecond;

    /// <summary>Machine time a transition may take at the throughput target: all cores' time over the target rate.</summary>
    private double AllowedMicroseconds => Environment.ProcessorCount * 1e6 / (ThroughputTarget * pgbenchTps);

    private string CostSentence() =>
        postgres.Peak.Cpu is { } durable && busCeiling.Cpu is { } bus
            ? $"PostgreSQL + RabbitMQ took {F(durable.Machine, 0)} µs and the bus-only ceiling {F(bus.Machine, 0)} µs, so durability took {F(durable.Machine - bus.Machine, 0)} µs where the target leaves it {F(AllowedMicroseconds - bus.Machine, 0)} µs."
            : "the machine time of the passes was not measured.";

    public string Markdown()
    {
        var md = new StringBuilder();
        Line(md, $"# Benchmark {at:yyyy-MM-dd HH:mm} UTC");
        Line(md, "");
        Line(md, $"Command: `{command}` on this machine ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}).");
        Line(md, $"Workload per workflow: open a case → fan out 3 tasks, each scheduling a reminder (Quartz job) → accept each task (Unschedule) → close: {PassResult.TransitionsPerWorkflow} saga transitions, {BusMessagesPerWorkflow} bus messages, 3 timers created and deleted.");
        Line(md, "");
        Line(md, "## References (same run)");
        Line(md, "");
        Line(md, "| Reference | Value |");
        Line(md, "|---|---:|");
        Line(md, $"| pgbench TPS (TPC-B-like, `-i -s 10`, `-c 4 -j 2 -T 20`, same PostgreSQL) | {F(pgbenchTps, 0)} |");
        Line(md, $"| RabbitMQ raw publish→consume, {rabbitMq.Messages} persistent 1 KB messages, confirms + acks (msg/s) | {F(rabbitMq.MessagesPerSecond, 0)} |");
        Line(md, $"| Bus-only ceiling: the same workload and harness on the same RabbitMQ, sagas in memory, nothing stored ({busCeiling.Completed}/{busCeiling.Workflows} workflows; transitions/s) | {F(busCeiling.TransitionsPerSecond, 0)} = {F(CeilingRatio, 3)} × pgbench TPS |");
        Line(md, "");
        Line(md, "## Throughput (peak pass)");
        Line(md, "");
        Line(md, "| Stack | Warm-up | Workflows (completed) | Seconds | Workflows/s | Transitions/s | Transitions/s ÷ pgbench TPS | Peak working set (MB) | Database after both passes |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var stack in new[] { sqlite, postgres })
        {
            var p = stack.Peak;
            Line(md, $"| {stack.Stack} | {stack.WarmUp} | {p.Workflows} ({p.Completed}) | {F(p.Seconds, 1)} | {F(p.WorkflowsPerSecond, 1)} | {F(p.TransitionsPerSecond, 0)} | {F(p.TransitionsPerSecond / pgbenchTps, 3)} | {F(stack.PeakWorkingSetMegabytes, 0)} | {stack.Check} |");
        }

        Line(md, "");
        Line(md, "## Machine time per transition (peak passes, µs)");
        Line(md, "");
        Line(md, "CPU time between the start and the end of each peak pass, from /proc, divided by its transitions: the whole machine's, this bench process's (the runtime and the harness), every `postgres` process's, every `beam.smp` (RabbitMQ) process's, and the rest (other processes, the kernel's work charged to none).");
        Line(md, "");
        Line(md, "| Pass | Machine | This process | PostgreSQL | RabbitMQ | The rest |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        foreach (var (name, pass) in new[] { (sqlite.Stack, sqlite.Peak), (postgres.Stack, postgres.Peak), ("Bus-only ceiling (nothing stored)", busCeiling) })
        {
            Line(md, pass.Cpu is { } cpu
                ? $"| {name} | {F(cpu.Machine, 0)} | {F(cpu.Ours, 0)} | {F(cpu.PostgreSql, 0)} | {F(cpu.RabbitMq, 0)} | {F(cpu.Rest, 0)} |"
                : $"| {name} | not measured | | | | |");
        }

        Line(md, "");
        Line(md, $"At the throughput target ({F(ThroughputTarget, 1)} × {F(pgbenchTps, 0)} = {F(ThroughputTarget * pgbenchTps, 0)} transitions/s) a transition may take {F(AllowedMicroseconds, 0)} µs of machine time ({Environment.ProcessorCount} cores); {CostSentence()}");
        Line(md, "");
        Line(md, "## Latency per step (ms)");
        Line(md, "");
        Line(md, "| Stack | Pass | Rate (workflows/s) | Step | n | p50 | p95 | p99 | max |");
        Line(md, "|---|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var stack in new[] { sqlite, postgres })
        {
            foreach (var pass in new[] { stack.Peak, stack.HalfRate })
            {
                var rate = pass.TargetWorkflowsPerSecond is { } target ? $"{F(target, 1)} (target)" : $"{F(pass.WorkflowsPerSecond, 1)} (measured)";
                foreach (var (step, p) in pass.Steps)
                {
                    Line(md, $"| {stack.Stack} | {pass.Pass} | {rate} | {step} | {p.Count} | {F(p.P50, 1)} | {F(p.P95, 1)} | {F(p.P99, 1)} | {F(p.Max, 1)} |");
                }
            }
        }

        Line(md, "");
        Line(md, "Steps:");
        Line(md, "");
        foreach (var (step, measures) in StepSamples.Steps)
        {
            Line(md, $"- **{step}**: {measures}");
        }

        Line(md, "");
        Line(md, "## Targets (issue 3, PostgreSQL + RabbitMQ)");
        Line(md, "");
        Line(md, "| Target | Measured | Result |");
        Line(md, "|---|---:|---|");
        Line(md, $"| transitions/s ≥ {F(ThroughputTarget * 100, 0)}% of pgbench TPS | {F(ThroughputRatio * 100, 1)}% ({F(postgres.Peak.TransitionsPerSecond, 0)} / {F(pgbenchTps, 0)}) | {Verdict(ThroughputRatio >= ThroughputTarget)} |");
        Line(md, $"| p99 step latency ≤ {F(LatencyTargetMs, 0)} ms at half the peak rate | {F(HalfRateP99, 1)} ms (worst step) | {Verdict(HalfRateP99 <= LatencyTargetMs && postgres.HalfRate.Completed == postgres.HalfRate.Workflows)} |");
        Line(md, "");
        Line(md, $"The bus-only ceiling reaches {F(CeilingRatio * 100, 1)}% of pgbench TPS with nothing stored; the durable runtime reaches {F(postgres.Peak.TransitionsPerSecond / busCeiling.TransitionsPerSecond * 100, 1)}% of that ceiling.");
        Line(md, $"For scale: at peak the bus carried {F(postgres.Peak.WorkflowsPerSecond * BusMessagesPerWorkflow, 0)} msg/s through RabbitMQ, {F(BusRatio * 100, 1)}% of the raw rate.");
        return md.ToString();
    }

    public string Summary()
    {
        var text = new StringBuilder();
        Line(text, $"pgbench TPS {F(pgbenchTps, 0)}; RabbitMQ raw {F(rabbitMq.MessagesPerSecond, 0)} msg/s");
        foreach (var stack in new[] { sqlite, postgres })
        {
            Line(text, $"{stack.Stack}: {F(stack.Peak.WorkflowsPerSecond, 1)} workflows/s, {F(stack.Peak.TransitionsPerSecond, 0)} transitions/s = {F(stack.Peak.TransitionsPerSecond / pgbenchTps, 3)} × pgbench TPS; " +
                $"half-rate worst step p99 {F(StepsOnly(stack.HalfRate).Max(s => s.Value.P99), 1)} ms; peak working set {F(stack.PeakWorkingSetMegabytes, 0)} MB");
        }

        Line(text, $"Bus-only ceiling (nothing stored): {F(busCeiling.TransitionsPerSecond, 0)} transitions/s = {F(CeilingRatio, 3)} × pgbench TPS");
        Line(text, $"PostgreSQL + RabbitMQ bus messages ÷ raw RabbitMQ rate: {F(BusRatio, 3)}");
        Line(text, $"Target transitions/s ≥ 50% of pgbench TPS: {F(ThroughputRatio * 100, 1)}% → {Verdict(ThroughputRatio >= ThroughputTarget)}");
        Line(text, $"Target p99 ≤ 100 ms at half the peak rate: {F(HalfRateP99, 1)} ms → {Verdict(HalfRateP99 <= LatencyTargetMs && postgres.HalfRate.Completed == postgres.HalfRate.Workflows)}");
        return text.ToString();
    }

    private static IEnumerable<KeyValuePair<string, Percentiles>> StepsOnly(PassResult pass) =>
        pass.Steps.Where(s => s.Key != "whole workflow");

    private static string Verdict(bool met) => met ? "MET" : "NOT MET";

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(Invariant), Invariant);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
