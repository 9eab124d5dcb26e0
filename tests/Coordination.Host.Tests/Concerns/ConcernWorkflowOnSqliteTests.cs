using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Concerns;

public sealed class ConcernWorkflowOnSqliteTests : ConcernWorkflowTests
{
    protected override Task<EmbeddedHostFactory> StartAsync(DateTimeOffset start) => Task.FromResult(EmbeddedHostFactory.OnSqliteAndInMemory(start));
}
