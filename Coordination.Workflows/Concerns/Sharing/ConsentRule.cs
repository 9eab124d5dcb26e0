namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>
/// Whose consent joint work needs at the young person's age (practice, DOMAIN.md): the
/// guardians', and the young person's too from 15; from 18 only the young person's own.
/// </summary>
public static class ConsentRule
{
    public static bool IsValid(ConsentGiver givenBy, int age) => age switch
    {
        >= 18 => givenBy == ConsentGiver.YoungPerson,
        >= 15 => givenBy == ConsentGiver.GuardiansAndYoungPerson,
        _ => givenBy is ConsentGiver.Guardians or ConsentGiver.GuardiansAndYoungPerson,
    };

    public static string Explain(int age) => age switch
    {
        >= 18 => "From 18 only the young person's own consent counts (YoungPerson).",
        >= 15 => "From 15 both the guardians and the young person must consent (GuardiansAndYoungPerson).",
        _ => "Under 15 the guardians consent (Guardians or GuardiansAndYoungPerson).",
    };
}
