namespace Coordination.Contracts.Operations;

/// <summary>A host's answer to <see cref="HostProbe"/>, naming the machine and process that consumed it.</summary>
/// <param name="ProbeId">The id from the probe.</param>
/// <param name="MachineName">The machine the consuming host runs on.</param>
/// <param name="ProcessId">The consuming host's process id.</param>
/// <param name="AnsweredAt">When the host answered, UTC.</param>
public sealed record HostProbeAnswered(Guid ProbeId, string MachineName, int ProcessId, DateTimeOffset AnsweredAt);
