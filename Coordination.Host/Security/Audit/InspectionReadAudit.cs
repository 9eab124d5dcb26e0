using Coordination.Host.Pages.Inspections;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit entries of reads of the inspection workflow's records: the venue register (the
/// licensee's name and organisation number, for a sole trader a personnummer; the responsible
/// persons), a venue's history and risk, visits and their protocols (who was on site, what was
/// found), rounds, and supervision cases (sanctions against a licensee). The API's handlers, which
/// the inspection pages call too, record here each read they answer, after their access check, so
/// a refused read records nothing.
/// </summary>
/// <remarks>
/// Through the API each answer is saved before it is sent: a record is one entry; a list is one
/// entry per row, as the list of concerns is. An inspection page (<see cref="InspectionPage"/>)
/// is audited once per load: its handlers' reads are kept until the page is shown, then the reads
/// of single records are one entry, named by the page's record (the first it reads) and naming the
/// other records it shows by their ids, as the case page of a concern is one entry for the case
/// and its chronology; the rows of its lists are one entry each, only those the page shows after
/// its own filter (<see cref="Showing"/>). A page not shown (refused, or redirected after a form
/// to the page that shows the result) records nothing. Entries are saved in a scope of their own,
/// so a change a refused form left unsaved is neither saved with them nor stops them.
/// </remarks>
public sealed class InspectionReadAudit(IServiceScopeFactory scopes, IHttpContextAccessor http)
{
    private List<(InspectionRead Read, bool Listed)>? page;
    private HashSet<Guid>? shown;

    /// <summary>Audits the read of one record.</summary>
    public Task ReadAsync(InspectionRead read) => KeepOrSaveAsync([read], listed: false);

    /// <summary>Audits the rows of a list, one entry each.</summary>
    public Task ListedAsync(IEnumerable<InspectionRead> rows) => KeepOrSaveAsync([.. rows], listed: true);

    /// <summary>Of the rows the page's lists read, the ones it shows after its own filter: only these are audited.</summary>
    public void Showing(IEnumerable<Guid> ids) => shown = [.. ids];

    /// <summary>From here until <see cref="SavePageAsync"/>, reads are kept for one page load.</summary>
    internal void OpenPage()
    {
        page = [];
        shown = null;
    }

    /// <summary>The page was shown: writes what its load read (<paramref name="name"/> is its path).</summary>
    internal Task SavePageAsync(string name)
    {
        var reads = page ?? [];
        page = null;
        var records = new List<AuditRecord>();
        var single = reads.Where(r => !r.Listed).Select(r => r.Read).Distinct().ToList();
        if (single.Count > 0)
        {
            var main = single[0];
            var parts = single.Select(r => r.SubjectType == main.SubjectType && r.SubjectId == main.SubjectId
                ? $"{r.What} ({r.Fields})"
                : $"{r.What} {r.SubjectId} ({r.Fields})");
            records.Add(Entry(main, string.Join("; ", single.Select(r => r.Basis).Distinct()), $"page {name}: {string.Join("; ", parts)}"));
        }

        records.AddRange(reads
            .Where(r => r.Listed && (shown is null || shown.Contains(r.Read.SubjectId)))
            .Select(r => r.Read)
            .Distinct()
            .Select(r => Entry(r, r.Basis, $"page {name}: {r.What}; fields: {r.Fields}")));
        return SaveAsync(records);
    }

    private Task KeepOrSaveAsync(IReadOnlyList<InspectionRead> reads, bool listed)
    {
        if (page is not null)
        {
            page.AddRange(reads.Select(r => (r, listed)));
            return Task.CompletedTask;
        }

        return SaveAsync([.. reads.Select(r => Entry(r, r.Basis, $"{r.What}; fields: {r.Fields}"))]);
    }

    private AuditRecord Entry(InspectionRead read, string basis, string detail)
    {
        var user = http.HttpContext?.User ?? throw new InvalidOperationException("A read is audited in the request that reads.");
        return user.Audit(AuditAction.PersonalDataRead, read.SubjectType, read.SubjectId, read.MunicipalityId, basis, detail);
    }

    private async Task SaveAsync(List<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        foreach (var record in records)
        {
            trail.Record(record);
        }

        await trail.SaveChangesAsync(http.HttpContext?.RequestAborted ?? CancellationToken.None);
    }
}
