using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Audit;

/// <summary>
/// Walks the audit chain from the first entry and reports the first link that does not hold:
/// a gap in the sequence (a deleted entry), a previous-hash that does not match (a deleted or
/// reordered entry), or a hash that does not match the content (an altered entry).
/// </summary>
public static class AuditVerifier
{
    private const int Page = 1000;

    public static async Task<AuditVerification> VerifyAsync(CoordinationDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        long checkedCount = 0;
        var previous = AuditChain.Genesis;
        while (true)
        {
            var from = expected;
            var page = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(Page)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                var broken = Check(entry, expected, previous);
                if (broken is not null)
                {
                    return new AuditVerification(checkedCount, false, expected, broken, expected - 1, previous);
                }

                checkedCount++;
                previous = entry.Hash;
                expected++;
            }

            if (page.Count < Page)
            {
                return new AuditVerification(checkedCount, true, null, null, expected - 1, previous);
            }
        }
    }

    private static string? Check(AuditEntry entry, long expected, string previous)
    {
        if (entry.Sequence != expected)
        {
            return $"entry {expected} is missing (the next entry is {entry.Sequence})";
        }

        if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
        {
            return $"entry {expected} does not follow the entry before it (previous hash differs)";
        }

        return string.Equals(AuditChain.HashOf(entry), entry.Hash, StringComparison.Ordinal)
            ? null
            : $"entry {expected} was changed after it was written (its hash does not match its content)";
    }
}
