namespace Coordination.Workflows.Identity;

/// <summary>
/// A kommun. Data of one municipality is never shown in another's, so almost every record
/// carries the id of the municipality it belongs to.
/// </summary>
public sealed class Municipality
{
    public Guid Id { get; set; }

    /// <summary>The four-digit municipality code (kommunkod), unique.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public List<Agency> Agencies { get; } = [];
}
