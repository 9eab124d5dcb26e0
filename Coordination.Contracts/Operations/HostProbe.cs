namespace Coordination.Contracts.Operations;

/// <summary>Asks a running host to prove it consumes from the bus; answered with <see cref="HostProbeAnswered"/>.</summary>
/// <param name="ProbeId">Chosen by the sender, echoed in the answer.</param>
public sealed record HostProbe(Guid ProbeId);
