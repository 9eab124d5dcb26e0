using System.Diagnostics;
using Coordination.SyntheticCases;

namespace Coordination.Bench.Measuring;

/// <summary>Drives passes of workflows through a running <see cref="BenchHost"/>.</summary>
public sealed class WorkloadRunner(BenchHost host, TimeSpan timeout)
{
    /// <summary>Workflows run before any measured pass, so that start-up costs (JIT, pools, queues) stay out of it.</summary>
    public const int WarmUpWorkflows = 400;

    public Task<PassResult> WarmUpAsync(int inFlight) => PeakAsync("warm-up", WarmUpWorkflows, inFlight);

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
