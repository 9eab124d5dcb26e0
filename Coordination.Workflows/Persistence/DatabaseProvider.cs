namespace Coordination.Workflows.Persistence;

/// <summary>The database engines the service runs on (ADR 0004).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one file in the data folder.</summary>
    Sqlite = 1,

    /// <summary>Production.</summary>
    Postgres = 2,
}
