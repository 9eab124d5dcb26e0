using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Concerns;

public sealed class ConcernWorkflowOnPostgresTests : ConcernWorkflowTests
{
    protected override Task<EmbeddedHostFactory> StartAsync(DateTimeOffset start) => EmbeddedHostFactory.OnPostgresAndRabbitMqAsync("concerns", start);
}
