using Coordination.Workflows.Inspections.Supervision;

namespace Coordination.Workflows.Tests.Inspections;

public sealed class SanctionLadderTests
{
    [Theory]
    [InlineData(Sanction.Erinran)]
    [InlineData(Sanction.Varning)]
    public void Erinran_and_varning_are_always_possible(Sanction decision) =>
        Assert.Null(SanctionLadder.Refusal(decision, [], mostSeriousCase: false, justification: null));

    [Fact]
    public void Aterkallelse_after_an_earlier_varning_is_possible() =>
        Assert.Null(SanctionLadder.Refusal(Sanction.Aterkallelse, [Sanction.Erinran, Sanction.Varning], mostSeriousCase: false, justification: null));

    [Fact]
    public void Aterkallelse_after_only_an_erinran_is_refused() =>
        Assert.NotNull(SanctionLadder.Refusal(Sanction.Aterkallelse, [Sanction.Erinran], mostSeriousCase: false, justification: null));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_most_serious_case_without_a_written_justification_is_refused(string? justification) =>
        Assert.Contains("justification", SanctionLadder.Refusal(Sanction.Aterkallelse, [], mostSeriousCase: true, justification), StringComparison.Ordinal);

    [Fact]
    public void A_most_serious_case_with_a_justification_may_skip_the_varning() =>
        Assert.Null(SanctionLadder.Refusal(Sanction.Aterkallelse, [], mostSeriousCase: true, justification: "Violence and drug dealing tolerated."));
}
