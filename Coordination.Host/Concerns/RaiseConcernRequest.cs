namespace Coordination.Host.Concerns;

/// <summary>A concern as a reporter raises it; enums are written by name.</summary>
public sealed record RaiseConcernRequest(
    Guid? AgencyId,
    YoungPersonRequest? YoungPerson,
    string? School,
    IReadOnlyList<string>? Categories,
    string? Urgency,
    string? Description,
    string? GuardianKnowledge);
