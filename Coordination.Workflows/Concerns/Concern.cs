namespace Coordination.Workflows.Concerns;

/// <summary>
/// A concern about a young person (orosanmälan) as the reporter raised it. Never anonymous:
/// the reporting user and agency are always recorded. Its workflow lives in <see cref="ConcernState"/>.
/// </summary>
public sealed class Concern
{
    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    /// <summary>The canonical personnummer or samordningsnummer, or null when the identity is unknown.</summary>
    public string? PersonalIdentityNumber { get; set; }

    /// <summary>The young person's name, when known.</summary>
    public string? YoungPersonName { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>Skyddad identitet: the identity is never shown outside social services.</summary>
    public bool HasProtectedIdentity { get; set; }

    public required string School { get; set; }

    public List<ConcernCategory> Categories { get; set; } = [];

    public ConcernUrgency Urgency { get; set; }

    public required string Description { get; set; }

    /// <summary>What the guardians know about the concern.</summary>
    public required string GuardianKnowledge { get; set; }

    public Guid ReporterUserId { get; set; }

    public Guid ReporterAgencyId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
}
