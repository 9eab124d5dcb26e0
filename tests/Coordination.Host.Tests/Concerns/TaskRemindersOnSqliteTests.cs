using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Concerns;

public sealed class TaskRemindersOnSqliteTests : TaskRemindersTests
{
    protected override Task<EmbeddedHostFactory> StartAsync() => Task.FromResult(EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart));
}
