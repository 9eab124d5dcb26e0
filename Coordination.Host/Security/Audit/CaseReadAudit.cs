using System.Globalization;
using Coordination.Host.Concerns;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit entry of one read of a concern: who read it, at which access level, under which
/// recorded basis, and which fields were shown. Written by <see cref="ConcernQueries"/>, the one
/// read path of the API and the case page, so every read is recorded once.
/// </summary>
internal static class CaseReadAudit
{
    public static AuditRecord Of(CaseFile file, string what, IHttpContextAccessor http)
    {
        return new AuditRecord(AuditAction.PersonalDataRead, file.Viewer.UserId, AuditActor.Name(file.Viewer, http), "Concern", file.Concern.Id.ToString(), file.Concern.MunicipalityId, Basis(file), $"{what}; fields: {Fields(file.Access)}");
    }

    private static string Basis(CaseFile file) => file.Access switch
    {
        ConcernAccessLevel.Full => "Social services of the municipality",
        ConcernAccessLevel.Reporter => "Reporter of the concern",
        _ => string.Join("; ", file.SharingNow
            .Where(b => b.AgencyIds.Intersect(file.Viewer.CaseAgencies(file.Concern.MunicipalityId)).Any())
            .Select(Describe)),
    };

    /// <summary>
    /// A basis as the audit log names it: its id, kind, who gave the consent and when, or the
    /// provision and who weighed it. The audit log is never erased, so the consent's free-text
    /// document reference (which can name the young person) is left on the basis, which
    /// retention erases with the concern.
    /// </summary>
    internal static string Describe(SharingBasis basis) => basis.Kind == SharingBasisKind.Consent
        ? string.Create(CultureInfo.InvariantCulture, $"Consent {basis.Id} ({basis.GivenBy}, {basis.GivenOn:yyyy-MM-dd})")
        : $"Provision {basis.Id} ({basis.Provision}, weighed by {basis.WeighedBy})";

    private static string Fields(ConcernAccessLevel access) => access switch
    {
        ConcernAccessLevel.Full => "the whole case",
        ConcernAccessLevel.Shared => "shared minimum (open or closed, name unless protected, birth year, school, categories, urgency, own tasks and plan actions)",
        _ => "own report and feedback",
    };
}
