using Microsoft.Data.Sqlite;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>A SQLite database in a file of its own under the temporary folder, deleted when disposed.</summary>
internal sealed class SqliteFile(string purpose) : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"coordination-{purpose}-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={path}";

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
