namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>The legal ground on which a concern is shared with other agencies.</summary>
public enum SharingBasisKind
{
    /// <summary>Written consent (samtycke, OSL 12 kap. 2 §).</summary>
    Consent = 1,

    /// <summary>A cited provision weighed by a named official, e.g. OSL 10 kap. 18 a §.</summary>
    Provision = 2,
}
