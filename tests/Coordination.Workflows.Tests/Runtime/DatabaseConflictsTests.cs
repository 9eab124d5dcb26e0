using Coordination.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// A key another request inserted first is a race (the API and pages answer 409); a broken
/// constraint of another kind is a defect and stays one. Read from SQLite's real errors.
/// </summary>
public sealed class DatabaseConflictsTests
{
    [Fact]
    public void A_taken_key_is_a_unique_violation_and_a_missing_value_is_not()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE plans (concern TEXT PRIMARY KEY, code TEXT UNIQUE, goals TEXT NOT NULL)");
        Execute(connection, "INSERT INTO plans VALUES ('a', 'x', 'g')");

        Assert.True(DatabaseConflicts.IsUniqueViolation(Failure(connection, "INSERT INTO plans VALUES ('a', 'y', 'g')")));
        Assert.True(DatabaseConflicts.IsUniqueViolation(Failure(connection, "INSERT INTO plans VALUES ('b', 'x', 'g')")));
        Assert.False(DatabaseConflicts.IsUniqueViolation(Failure(connection, "INSERT INTO plans VALUES ('c', 'z', NULL)")));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The error as EF Core hands it to the application: a <see cref="DbUpdateException"/> around the provider's.</summary>
    private static DbUpdateException Failure(SqliteConnection connection, string sql)
    {
        var error = Assert.Throws<SqliteException>(() => Execute(connection, sql));
        return new DbUpdateException("The save failed.", error);
    }
}
