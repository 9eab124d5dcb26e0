namespace Coordination.Workflows.Tests.Runtime.Crash;

/// <summary>
/// The crash tests run alone: each drives a thousand workflows through a child process it kills,
/// which would starve, and be slowed by, tests running beside it on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCrashTests
{
    public const string Name = "Crash (serial)";
}
