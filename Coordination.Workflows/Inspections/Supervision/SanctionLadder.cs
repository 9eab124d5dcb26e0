namespace Coordination.Workflows.Inspections.Supervision;

/// <summary>
/// The step ladder of alkohollagen 9 kap. 17–18 §§: revocation (återkallelse) needs an earlier
/// varning, unless the board records that the case is among the most serious, with reasons.
/// </summary>
public static class SanctionLadder
{
    /// <summary>Null when the decision may be taken; otherwise why not.</summary>
    public static string? Refusal(Sanction decision, IEnumerable<Sanction> earlierSanctions, bool mostSeriousCase, string? justification)
    {
        if (decision != Sanction.Aterkallelse || earlierSanctions.Contains(Sanction.Varning))
        {
            return null;
        }

        if (!mostSeriousCase)
        {
            return "Återkallelse without an earlier varning is only possible in the most serious cases: give a varning first, or mark the case as most serious with a written justification.";
        }

        return string.IsNullOrWhiteSpace(justification)
            ? "A most serious case needs a written justification before återkallelse without an earlier varning."
            : null;
    }
}
