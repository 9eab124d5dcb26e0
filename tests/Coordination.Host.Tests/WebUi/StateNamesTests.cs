using System.Globalization;
using System.Resources;
using Coordination.Host.WebUi;
using Coordination.Workflows.Concerns;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The case page and the case list show a concern's state by name, in Swedish and English. A state
/// without a name showed its resource key: "ConcernState.Investigated" for every finished
/// investigation, for the months until the case was closed. Each language's own file is read,
/// without falling back to the other (the Swedish one is the neutral file), so a name missing from
/// one of them is found.
/// </summary>
public sealed class StateNamesTests
{
    public static TheoryData<string> Languages => new() { "sv", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_state_a_concern_can_be_in_has_a_name_on_the_pages(string language)
    {
        var states = new ConcernStateMachine().States.Select(s => s.Name).Where(n => n is not ("Initial" or "Final")).ToList();
        Assert.Contains("Investigated", states);
        var missing = Missing(typeof(SharedResource), "Coordination.Host.Resources.WebUi.SharedResource", language, states.Select(s => $"ConcernState.{s}"));
        Assert.True(missing.Count == 0, $"No {language} name for {string.Join(", ", missing)}");
    }

    /// <summary>The inspection pages name their statuses, sanctions, outcomes and licences the same way.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_value_the_inspection_pages_name_has_a_name(string language)
    {
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
        var keys = named.SelectMany(n => Enum.GetNames(n.Values).Select(v => n.Prefix + v));
        var missing = Missing(typeof(Coordination.Host.Pages.Inspections.InspectionsResource), "Coordination.Host.Resources.Pages.Inspections.InspectionsResource", language, keys);
        Assert.True(missing.Count == 0, $"No {language} name for {string.Join(", ", missing)}");
    }

    /// <summary>The keys one language's own resource file lacks: "sv" is the neutral file, "en" the English one.</summary>
    private static List<string> Missing(Type resource, string baseName, string language, IEnumerable<string> keys)
    {
        var manager = new ResourceManager(baseName, resource.Assembly);
        var culture = language == "sv" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {language} resources named {baseName}.");
        Assert.NotNull(set.GetString("Case.Raised") ?? set.GetString("Protocol.Title"));
        return [.. keys.Where(k => set.GetString(k) is null)];
    }
}
