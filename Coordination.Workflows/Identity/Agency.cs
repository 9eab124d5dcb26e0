namespace Coordination.Workflows.Identity;

/// <summary>
/// One agency as it acts for one municipality. A police local area serving three
/// municipalities appears as three agencies of kind <see cref="AgencyKind.Police"/>, so that
/// what is shared with the police of one municipality is never visible from another.
/// </summary>
public sealed class Agency
{
    public Guid Id { get; set; }

    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public AgencyKind Kind { get; set; }

    public required string Name { get; set; }
}
