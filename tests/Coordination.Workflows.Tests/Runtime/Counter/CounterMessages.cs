namespace Coordination.Workflows.Tests.Runtime.Counter;

public sealed record StartCounter(Guid CounterId, Guid TaskId);

public sealed record IncrementCounter(Guid CounterId);

public sealed record PingCounterTask(Guid TaskId);

public sealed record CounterStarted(Guid CounterId);

public sealed record CounterChanged(Guid CounterId, int Count);

public sealed record CounterTaskPinged(Guid CounterId, int Pings);

/// <summary>Published by "HTTP" code through the scoped publisher.</summary>
public sealed record NoteWritten(Guid RunId, int Sequence);
