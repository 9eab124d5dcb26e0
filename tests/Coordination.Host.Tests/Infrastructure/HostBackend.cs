namespace Coordination.Host.Tests.Infrastructure;

/// <summary>The two stacks (database and bus) every workflow test runs on.</summary>
public enum HostBackend
{
    /// <summary>SQLite in a folder of the test's own and the in-memory bus.</summary>
    SqliteInMemory,

    /// <summary>A fresh PostgreSQL database and a RabbitMQ virtual host of the test's own.</summary>
    PostgresRabbitMq,
}
