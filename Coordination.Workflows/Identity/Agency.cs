namespace Coordination.Workflows.Identity;

/// <summary>
/// One agency as it acts for one municipality. A police local area serving three
/// municipalities appears as three agencies of kind <see cref="AgencyKind.Police"/>, so that
/// what is shared with the police of one municipality is never visible from another.
/// Its version moves on whenever one of its managers loses the role, so that two administrators
/// removing its last two managers at the same moment cannot both pass the "another manager
/// remains" check: the later save conflicts and is decided again.
/// </summary>
public sealed class Agency : Persistence.IVersionedRecord
{
    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public AgencyKind Kind { get; set; }

    public required string Name { get; set; }

    public int Version { get; set; }
}
