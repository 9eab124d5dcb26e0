namespace Coordination.Workflows.Concerns;

/// <summary>What a concern is about; the fixed list agencies route and report by.</summary>
public enum ConcernCategory
{
    /// <summary>Risk of crime (risk för brott).</summary>
    CrimeRisk = 1,

    /// <summary>Narcotics.</summary>
    Drugs = 2,

    /// <summary>Violence, as victim or perpetrator.</summary>
    Violence = 3,

    /// <summary>Recruitment to criminal networks.</summary>
    CriminalNetworkRecruitment = 4,

    /// <summary>Truancy (problematisk skolfrånvaro).</summary>
    Truancy = 5,

    /// <summary>Alcohol.</summary>
    Alcohol = 6,

    /// <summary>The situation at home.</summary>
    HomeSituation = 7,
}
