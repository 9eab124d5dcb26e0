namespace Coordination.Contracts.Concerns;

/// <summary>
/// A legal assessment of a concern (protective, preliminary, investigation) was not made by its
/// limit and is on the managers' overdue list of the municipality's social services.
/// </summary>
public sealed record LegalAssessmentOverdue(Guid ConcernId, Guid MunicipalityId, string Assessment, DateTimeOffset DueAt);
