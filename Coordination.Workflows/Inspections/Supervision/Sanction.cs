namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>The step ladder of sanctions against a licensee (alkohollagen 9 kap. 17–18 §§).</summary>
public enum Sanction
{
    /// <summary>Erinran: a reminder, the lowest step (9 kap. 17 §).</summary>
    Erinran = 1,

    /// <summary>Varning: a warning (9 kap. 17 §).</summary>
    Varning = 2,

    /// <summary>Återkallelse: revocation of the licence (9 kap. 18 §); without an earlier varning only in the most serious cases.</summary>
    Aterkallelse = 3,
}
