using Coordination.Workflows.Concerns;

namespace Coordination.Workflows.Tests.Concerns;

/// <summary>The investigation's deadline as it stood on a past day, from the extensions the concern keeps.</summary>
public sealed class InvestigationDueAtTests
{
    private static readonly DateTimeOffset First = new(2027, 3, 23, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2027, 6, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Third = new(2027, 9, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_day_is_judged_by_the_deadline_in_force_then_and_after_the_last_extension_by_the_current_one()
    {
        var state = new ConcernState { InvestigationDue = Third };
        state.InvestigationDueChanges.Add(new DeadlineChange(First.AddDays(10), First));
        state.InvestigationDueChanges.Add(new DeadlineChange(Second.AddDays(-5), Second));

        Assert.Equal(First, state.InvestigationDueAt(First.AddDays(5)));
        Assert.Equal(Second, state.InvestigationDueAt(First.AddDays(11)));
        Assert.Equal(Third, state.InvestigationDueAt(Second));
    }

    [Fact]
    public void A_concern_never_extended_has_its_one_deadline_and_one_without_an_investigation_none()
    {
        Assert.Equal(First, new ConcernState { InvestigationDue = First }.InvestigationDueAt(First.AddDays(-100)));
        Assert.Null(new ConcernState().InvestigationDueAt(First));
    }
}
