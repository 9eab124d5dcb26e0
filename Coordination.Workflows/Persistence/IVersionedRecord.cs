namespace Coordination.Workflows.Persistence;

/// <summary>
/// A record that people change through the service while workflows change it too: each save of a
/// change raises <see cref="Version"/>, and a save based on an older version fails with
/// <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/> instead of
/// overwriting the other change (two officers deciding one supervision case at the same moment:
/// one decision, not two). <see cref="CoordinationDbContext"/> raises the version and makes it the
/// concurrency token; SQLite has no row version of its own.
/// </summary>
public interface IVersionedRecord
{
    int Version { get; set; }
}
