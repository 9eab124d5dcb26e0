using System.Globalization;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Host.Inspections.Venues;

/// <summary>A venue in the register, as the licensing unit sees it.</summary>
internal sealed record VenueView(
    Guid Id,
    Guid MunicipalityId,
    string Name,
    string LicenseeName,
    string OrganisationNumber,
    string Address,
    string PostalTown,
    IReadOnlyList<string> LicenceKinds,
    string? ServingFrom,
    string? ServingUntil,
    IReadOnlyList<string> ResponsiblePersons,
    bool HasDancing,
    bool HasYoungCrowd,
    int Complaints,
    Guid? OpenSupervisionCaseId,
    DateTimeOffset? FollowUpDueAt,
    DateTimeOffset? ReInspectionDueAt,
    DateTimeOffset? LastVisitedAt,
    DateTimeOffset RegisteredAt,
    int Version)
{
    public static VenueView From(Venue v) => new(
        v.Id, v.MunicipalityId, v.Name, v.LicenseeName, v.OrganisationNumber, v.Address, v.PostalTown,
        v.LicenceKinds.Select(k => k.ToString()).ToList(),
        v.ServingFrom?.ToString("HH:mm", CultureInfo.InvariantCulture),
        v.ServingUntil?.ToString("HH:mm", CultureInfo.InvariantCulture),
        v.ResponsiblePersons.ToList(), v.HasDancing, v.HasYoungCrowd, v.Complaints, v.OpenSupervisionCaseId,
        v.FollowUpDueAt, v.ReInspectionDueAt, v.LastVisitedAt, v.RegisteredAt, v.Version);

    /// <summary>The entity tag of this version, for <c>ETag</c> and <c>If-Match</c>.</summary>
    public string ETag => $"\"{Version.ToString(CultureInfo.InvariantCulture)}\"";
}
