using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Concerns;

public sealed class TaskRemindersOnPostgresTests : TaskRemindersTests
{
    protected override Task<EmbeddedHostFactory> StartAsync() => EmbeddedHostFactory.OnPostgresAndRabbitMqAsync("reminders", EmbeddedHostFactory.DefaultStart);
}
