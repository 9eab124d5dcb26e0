namespace Coordination.Testing;

/// <summary>
/// Where the real servers of the test command are. Integration tests never skip: a missing
/// server fails the test with a message that says how to start it.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "COORDINATION_TEST_POSTGRES";
    public const string RabbitMqVariable = "COORDINATION_TEST_RABBITMQ";

    /// <summary>An admin connection string (no database) to the test PostgreSQL server.</summary>
    public static string PostgresAdminConnectionString => Require(PostgresVariable);

    /// <summary>The test RabbitMQ broker, e.g. <c>amqp://guest:guest@127.0.0.1:5673/</c>.</summary>
    public static Uri RabbitMqUri => new(Require(RabbitMqVariable));

    /// <summary>The repository's root folder (for deploy scripts and the built host).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("COORDINATION_REPO_ROOT");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Coordination.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Coordination.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Integration tests need the real servers: run deploy/test.sh, " +
                $"or start them with deploy/services.sh start and export the variables printed by deploy/postgres.sh env and deploy/rabbitmq.sh env.");
}
