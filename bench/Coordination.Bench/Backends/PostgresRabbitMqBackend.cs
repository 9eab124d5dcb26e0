using Coordination.Workflows.Persistence;
using MassTransit;
using Npgsql;

namespace Coordination.Bench.Backends;

/// <summary>Production's stack: a fresh PostgreSQL database and a RabbitMQ virtual host (made by bench/run.sh).</summary>
public sealed class PostgresRabbitMqBackend : BenchBackend
{
    private readonly string adminConnectionString;
    private readonly string database;
    private readonly Uri rabbitMq;

    private PostgresRabbitMqBackend(string adminConnectionString, string database, Uri rabbitMq)
        : base("PostgreSQL + RabbitMQ", DatabaseProvider.Postgres,
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 50 }.ToString())
    {
        this.adminConnectionString = adminConnectionString;
        this.database = database;
        this.rabbitMq = rabbitMq;
    }

    /// <param name="adminConnectionString">No database: one is created and dropped at the end.</param>
    /// <param name="rabbitMq">amqp://user:password@host:port/vhost</param>
    public static async Task<BenchBackend> CreateAsync(string adminConnectionString, Uri rabbitMq)
    {
        var name = $"coord_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var stack = new PostgresRabbitMqBackend(adminConnectionString, name, rabbitMq);
        await stack.PrepareAsync();
        return stack;
    }

    public override void UseTransport(IBusRegistrationConfigurator bus, Action<IBusRegistrationContext, IReceiveConfigurator> observe)
    {
        var credentials = rabbitMq.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(rabbitMq.AbsolutePath.TrimStart('/'));
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(rabbitMq.Host, (ushort)rabbitMq.Port, virtualHost.Length == 0 ? "/" : virtualHost, h =>
            {
                h.Username(Uri.UnescapeDataString(credentials[0]));
                h.Password(Uri.UnescapeDataString(credentials[1]));
            });
            observe(context, cfg);
            cfg.ConfigureEndpoints(context);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
