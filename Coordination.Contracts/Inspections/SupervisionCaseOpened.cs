namespace Coordination.Contracts.Inspections;

/// <summary>Serious remarks at a visit opened a supervision case (tillsynsärende) against the venue's licensee.</summary>
public sealed record SupervisionCaseOpened(Guid CaseId, Guid VenueId, Guid MunicipalityId);
