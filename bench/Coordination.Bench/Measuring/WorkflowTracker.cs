using System.Collections.Concurrent;
using System.Diagnostics;
using Coordination.SyntheticCases;

namespace Coordination.Bench.Measuring;

/// <summary>
/// Follows each workflow through the events its sagas publish (observed after their commit and
/// relay), stamps every step, and answers each assigned task with <see cref="AcceptTask"/>.
/// </summary>
public sealed class WorkflowTracker
{
    private readonly ConcurrentDictionary<Guid, Track> cases = new();
    private readonly ConcurrentDictionary<Guid, long> acceptsSent = new();
    private readonly ConcurrentDictionary<Guid, byte> assigned = new();
    private Func<AcceptTask, Task>? accept;
    private StepSamples samples = new();

    /// <summary>How the tracker sends an accept; set once the bus is up.</summary>
    public void AcceptThrough(Func<AcceptTask, Task> send) => accept = send;

    public StepSamples StartPass() => samples = new StepSamples();

    /// <summary>Registers a workflow just before its <see cref="OpenCase"/> is sent.</summary>
    public Task Begin(Guid caseId)
    {
        var track = new Track(Stopwatch.GetTimestamp());
        cases[caseId] = track;
        return track.Done.Task;
    }

    public void CaseOpened(Guid caseId)
    {
        if (cases.TryGetValue(caseId, out var track) && Interlocked.Exchange(ref track.OpenedSeen, 1) == 0)
        {
            samples.Add("start", Since(track.OpenSent));
        }
    }

    public async Task TaskAssigned(Guid taskId, Guid caseId)
    {
        if (!cases.TryGetValue(caseId, out var track) || !assigned.TryAdd(taskId, 0))
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        samples.Add("fan-out + schedule", Stopwatch.GetElapsedTime(track.OpenSent, now).TotalMilliseconds);
        acceptsSent[taskId] = now;
        Interlocked.Exchange(ref track.LastAcceptSent, now);
        await (accept ?? throw new InvalidOperationException("No accept sender")).Invoke(new AcceptTask(taskId));
    }

    public void TaskAccepted(Guid taskId)
    {
        if (acceptsSent.TryRemove(taskId, out var sent))
        {
            samples.Add("accept + unschedule", Since(sent));
        }
    }

    public void CaseClosed(Guid caseId)
    {
        if (cases.TryRemove(caseId, out var track))
        {
            samples.Add("close", Since(Interlocked.Read(ref track.LastAcceptSent)));
            samples.Add("whole workflow", Since(track.OpenSent));
            track.Done.TrySetResult();
        }
    }

    private static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;

    private sealed class Track(long openSent)
    {
        public readonly long OpenSent = openSent;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long LastAcceptSent;
        public int OpenedSeen;
    }
}
