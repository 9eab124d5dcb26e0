using System.Diagnostics;
using System.Runtime;
using Coordination.SyntheticCases;

namespace Coordination.Bench.Measuring;

/// <summary>Drives passes of workflows through a running <see cref="BenchHost"/>.</summary>
public sealed class WorkloadRunner(BenchHost host, TimeSpan timeout)
{
    /// <summary>Workflows per warm-up round.</summary>
    public const int WarmUpRound = 200;

    /// <summary>The warm-up stops after this many workflows even if the JIT is still busy.</summary>
    public const int MaxWarmUpWorkflows = 4_000;

    /// <summary>
    /// The warm-up has reached the steady state once the JIT took at most this share of a round's
    /// elapsed time (of one core), summed over all threads.
    /// </summary>
    public const double SettledJitShare = 0.01;

    /// <summary>
    /// Runs rounds of workflows before any measured pass, so that start-up costs (JIT, pools, queues)
    /// stay out of it, until the runtime's tiered compilation has settled: the service runs for weeks,
    /// so its steady state is what the passes measure. At least two rounds.
    /// </summary>
    public async Task<WarmUp> WarmUpAsync(int inFlight)
    {
        var workflows = 0;
        var rounds = 0;
        double jitShare;
        do
        {
            var jitBefore = JitInfo.GetCompilationTime();
            var round = await PeakAsync("warm-up", WarmUpRound, inFlight);
            jitShare = (JitInfo.GetCompilationTime() - jitBefore).TotalSeconds / round.Seconds;
            workflows += WarmUpRound;
            rounds++;
        }
        while ((rounds < 2 || jitShare > SettledJitShare) && workflows < MaxWarmUpWorkflows);

        return new WarmUp(workflows, jitShare);
    }

    /// <summary>As fast as the runtime goes, with at most <paramref name="inFlight"/> workflows open at once.</summary>
    public Task<PassResult> PeakAsync(string pass, int workflows, int inFlight) => RunAsync(pass, workflows, inFlight, null);

    /// <summary>Workflows started at a fixed rate, whether or not earlier ones have finished.</summary>
    public Task<PassResult> AtRateAsync(string pass, int workflows, double perSecond) => RunAsync(pass, workflows, int.MaxValue, perSecond);

    private async Task<PassResult> RunAsync(string pass, int workflows, int inFlight, double? perSecond)
    {
        var samples = host.Tracker.StartPass();
        using var gate = new SemaphoreSlim(Math.Min(inFlight, workflows));
        var done = new List<Task>(workflows);
        var completed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < workflows; i++)
        {
            if (perSecond is { } rate)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }
            else
            {
                await gate.WaitAsync();
            }

            var caseId = Guid.NewGuid();
            var finished = host.Tracker.Begin(caseId);
            await host.Cases.Send(new OpenCase(caseId, [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]));
            done.Add(finished.ContinueWith(_ =>
            {
                Interlocked.Increment(ref completed);
                gate.Release();
            }, TaskScheduler.Default));
        }

        try
        {
            await Task.WhenAll(done).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"[bench] {pass}: {workflows - Volatile.Read(ref completed)} of {workflows} workflows unfinished after {timeout}");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new PassResult(pass, workflows, Volatile.Read(ref completed), seconds, perSecond, samples.Summarise());
    }
}

/// <summary>How many workflows the warm-up ran, and the JIT's share of its last round's elapsed time.</summary>
public sealed record WarmUp(int Workflows, double LastRoundJitShare)
{
    public override string ToString() => $"{Workflows} workflows, the JIT {LastRoundJitShare:P1} of the last round";
}
