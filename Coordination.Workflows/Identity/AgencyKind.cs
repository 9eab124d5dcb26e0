namespace Coordination.Workflows.Identity;

/// <summary>The kinds of agency that take part in the joint work (DOMAIN.md, "Who uses it").</summary>
public enum AgencyKind
{
    /// <summary>Skola.</summary>
    School = 1,

    /// <summary>Socialtjänst.</summary>
    SocialServices = 2,

    /// <summary>Polis: one police local area usually serves several municipalities.</summary>
    Police = 3,

    /// <summary>Fritid.</summary>
    Leisure = 4,

    /// <summary>Alkoholhandläggare: the municipality's licensing unit.</summary>
    LicensingUnit = 5,

    /// <summary>Räddningstjänst, an optional inspection participant.</summary>
    RescueService = 6,

    /// <summary>Skatteverket, an optional inspection participant.</summary>
    TaxAgency = 7,
}
