using System.Net;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>Every read of a concern's personal data, through the API or the case page, leaves exactly one audit entry naming its basis.</summary>
public sealed class ReadAuditTests
{
    private const string Police = "police.staff@alvby.demo";
    private const string SchoolManager = "school.manager@alvby.demo";
    private const string Administrator = "social.administrator@alvby.demo";

    [Fact]
    public async Task Each_read_in_the_journey_leaves_one_entry_with_its_basis_and_refusals_leave_none()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, id, "Police");

        var reads = new (string User, string Path, HttpStatusCode Status)[]
        {
            (CaseJourney.Coordinator, $"/api/concerns/{id}", HttpStatusCode.OK),
            (CaseJourney.Coordinator, $"/api/concerns/{id}/chronology", HttpStatusCode.OK),
            (Police, $"/api/concerns/{id}", HttpStatusCode.OK),
            (Police, $"/api/concerns/{id}", HttpStatusCode.OK),
            (CaseJourney.Teacher, $"/api/concerns/{id}", HttpStatusCode.OK),
            (SchoolManager, $"/api/concerns/{id}", HttpStatusCode.NotFound),
            (Administrator, $"/api/concerns/{id}", HttpStatusCode.Forbidden),
            ("school.staff@sjostad.demo", $"/api/concerns/{id}", HttpStatusCode.NotFound),
        };
        foreach (var (user, path, status) in reads)
        {
            using var response = await users.GetAsync(user, path);
            Assert.Equal(status, response.StatusCode);
        }

        var entries = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.PersonalDataRead && e.SubjectId == id.ToString()).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(
            [
                (CaseJourney.Coordinator, "Social services of the municipality", "case view"),
                (CaseJourney.Coordinator, "Social services of the municipality", "chronology"),
                (Police, "Consent", "case view"),
                (Police, "Consent", "case view"),
                (CaseJourney.Teacher, "Reporter of the concern", "case view"),
            ],
            entries.Select(e => (e.Actor, e.Basis.Split(' ')[0] == "Consent" ? "Consent" : e.Basis, e.Detail.Split(';')[0])));
        Assert.All(entries, e => Assert.DoesNotContain("20120315", e.Detail + e.Basis, StringComparison.Ordinal));

        // The consent and the disclosure to the police were recorded when the basis was.
        var sharing = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.SubjectId == id.ToString() && (e.Action == AuditAction.LegalBasisRecorded || e.Action == AuditAction.Disclosure)).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.LegalBasisRecorded, AuditAction.Disclosure], sharing);

        // The audit log is never erased: the consent's free-text document reference (which can name
        // the young person) stays on the basis, which retention erases, and is not copied here.
        var all = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Select(e => e.Basis + " " + e.Detail).ToListAsync());
        Assert.DoesNotContain(all, text => text.Contains("Samtycke 2026-118", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opening_the_case_page_leaves_one_entry_for_the_case_and_its_chronology()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var id = await CaseJourney.RaiseAsync(host, users);
        using var browser = await users.BrowserAsync(CaseJourney.Coordinator);

        using var page = await browser.GetAsync(new Uri($"/Concerns/Case/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var details = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.PersonalDataRead && e.SubjectId == id.ToString()).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["case page (case view and chronology)"], details.Select(d => d.Split(';')[0]));
    }
}
