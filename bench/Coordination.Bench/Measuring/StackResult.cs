namespace Coordination.Bench.Measuring;

/// <summary>Everything measured on one stack, in its own process so its peak memory is its own.</summary>
public sealed record StackResult(string Stack, WarmUp WarmUp, PassResult Peak, PassResult HalfRate, double PeakWorkingSetMegabytes, FinalCheck Check);
