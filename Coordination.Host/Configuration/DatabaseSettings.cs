using Coordination.Workflows.Persistence;

namespace Coordination.Host.Configuration;

/// <summary>The <c>Database</c> section, checked: which engine and how to reach it.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string? DataDirectory)
{
    public const string Section = "Database";

    /// <summary>Reads and checks the section; throws <see cref="InvalidSettingException"/> naming the bad setting.</summary>
    public static DatabaseSettings Read(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var provider = SettingReader.Enum<DatabaseProvider>(section, "Provider", DatabaseProvider.Sqlite);
        var connectionString = section["ConnectionString"];

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidSettingException($"{Section}:ConnectionString", "required when Database:Provider is Postgres.");
            }

            SettingReader.ConnectionString(() => new Npgsql.NpgsqlConnectionStringBuilder(connectionString), $"{Section}:ConnectionString");
            return new DatabaseSettings(provider, connectionString, null);
        }

        var dataDirectory = Path.GetFullPath(section["DataDirectory"] is { Length: > 0 } d ? d : "data", contentRoot);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataDirectory, "coordination.db")}";
        }

        var builder = SettingReader.ConnectionString(
            () => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString), $"{Section}:ConnectionString");
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidSettingException($"{Section}:ConnectionString", "names no Data Source.");
        }

        // A busy database waits instead of failing: the relay, the scheduler and requests share one file.
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return new DatabaseSettings(provider, builder.ToString(), Path.GetDirectoryName(Path.GetFullPath(builder.DataSource, contentRoot)));
    }
}
