namespace Coordination.Host.Inspections.Venues;

/// <summary>A venue as the licensing officer registers or changes it; times are local HH:mm.</summary>
internal sealed record VenueRequest(
    Guid? MunicipalityId,
    string? Name,
    string? LicenseeName,
    string? OrganisationNumber,
    string? Address,
    string? PostalTown,
    IReadOnlyList<string>? LicenceKinds,
    string? ServingFrom,
    string? ServingUntil,
    IReadOnlyList<string>? ResponsiblePersons,
    bool HasDancing,
    bool HasYoungCrowd,
    int Complaints);
