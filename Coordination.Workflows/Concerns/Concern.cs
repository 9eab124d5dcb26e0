namespace Coordination.Workflows.Concerns;

/// <summary>
/// A concern about a young person (orosanmälan) as the reporter raised it. Never anonymous:
/// the reporting user and agency are always recorded. Its workflow lives in <see cref="ConcernState"/>.
/// </summary>
public sealed class Concern : Persistence.IVersionedRecord
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

    /// <summary>
    /// When the close request closed the concern, written in the transaction that publishes
    /// <c>ConcernClosed</c>: the concern's state learns it only when it consumes that message
    /// (<see cref="ConcernClosure"/>).
    /// </summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// Raised by every change of the concern's sharing (SharingEndpoints): recording the first
    /// basis changes no basis, so two first bases at the same moment conflict here instead of each
    /// offering the same party a task.
    /// </summary>
    public int Version { get; set; }
}
