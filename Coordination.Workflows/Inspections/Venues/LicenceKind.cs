namespace Coordination.Workflows.Inspections.Venues;

/// <summary>What a venue is licensed or registered for; each kind has its own checklist at a visit.</summary>
public enum LicenceKind
{
    /// <summary>Serveringstillstånd för allmänheten (alkohollagen 2010:1622 8 kap.).</summary>
    AlcoholToPublic = 1,

    /// <summary>Serveringstillstånd för slutna sällskap.</summary>
    AlcoholToClosedCompanies = 2,

    /// <summary>Serveringstillstånd för cateringverksamhet.</summary>
    Catering = 3,

    /// <summary>Försäljningstillstånd för tobak (lag 2018:2088).</summary>
    Tobacco = 4,

    /// <summary>Anmäld försäljning av elektroniska cigaretter och påfyllningsbehållare (lag 2018:2088).</summary>
    ECigarettes = 5,

    /// <summary>Anmäld försäljning av folköl (alkohollagen 5 kap. 5 §).</summary>
    Folkol = 6,
}
