using System.Globalization;
using Coordination.Host.WebUi;
using Coordination.Workflows.Concerns;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The case page and the case list show a concern's state by name, in Swedish and English. A state
/// without a name showed its resource key: "ConcernState.Investigated" for every finished
/// investigation, for the months until the case was closed.
/// </summary>
public sealed class StateNamesTests
{
    [Theory]
    [InlineData("sv-SE")]
    [InlineData("en")]
    public void Every_state_a_concern_can_be_in_has_a_name_on_the_pages(string culture)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var text = factory.Create(typeof(SharedResource));
        var states = new ConcernStateMachine().States.Select(s => s.Name).Where(n => n is not ("Initial" or "Final")).ToList();
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Contains("Investigated", states);
            Assert.All(states, state => Assert.False(text[$"ConcernState.{state}"].ResourceNotFound, $"No {culture} name for the state {state}"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    /// <summary>The inspection pages name their statuses, sanctions, outcomes and licences the same way.</summary>
    [Theory]
    [InlineData("sv-SE")]
    [InlineData("en")]
    public void Every_value_the_inspection_pages_name_has_a_name(string culture)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var text = factory.Create(typeof(Coordination.Host.Pages.Inspections.InspectionsResource));
        (Type Values, string Prefix)[] named =
        [
            (typeof(Coordination.Workflows.Inspections.Supervision.SupervisionStatus), "CaseStatus."),
            (typeof(Coordination.Workflows.Inspections.Rounds.RoundStatus), "RoundStatus."),
            (typeof(Coordination.Workflows.Inspections.Supervision.Sanction), "Sanction."),
            (typeof(Coordination.Workflows.Inspections.Venues.LicenceKind), "LicenceKind."),
            (typeof(Coordination.Workflows.Inspections.Visits.ChecklistResult), "Result."),
            (typeof(Coordination.Workflows.Inspections.Visits.VisitOutcome), "Outcome."),
            (typeof(Coordination.Workflows.Identity.AgencyKind), "Agency."),
        ];
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var missing = named.SelectMany(n => Enum.GetNames(n.Values).Select(v => n.Prefix + v)).Where(key => text[key].ResourceNotFound).ToList();
            Assert.True(missing.Count == 0, $"No {culture} name for {string.Join(", ", missing)}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
