using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Npgsql;

namespace Coordination.Host.Tests.Persistence;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task The_migrate_command_creates_every_table_on_an_empty_PostgreSQL_database_and_changes_nothing_the_second_time()
    {
        await using var database = await PostgresDatabase.CreateAsync("migratecmd");
        var settings = HostSettings.PostgresAndRabbitMq(database.ConnectionString, new Uri("amqp://127.0.0.1:1/"));

        await using (var first = HostProcess.Start(settings, "migrate"))
        {
            Assert.Equal(0, await first.WaitForExitAsync());
            Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        }

        var tables = await TablesAsync(database.ConnectionString);
        Assert.Contains("AspNetUsers", tables);
        Assert.Contains("Memberships", tables);
        Assert.Contains("__EFMigrationsHistory", tables);
        Assert.Contains("qrtz_triggers", tables, StringComparer.OrdinalIgnoreCase);

        await using var second = HostProcess.Start(settings, "migrate");
        Assert.Equal(0, await second.WaitForExitAsync());
        Assert.Contains("The database is up to date.", second.Output, StringComparison.Ordinal);
        Assert.Equal(tables, await TablesAsync(database.ConnectionString));
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
