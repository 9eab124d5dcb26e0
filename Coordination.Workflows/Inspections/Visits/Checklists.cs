using System.Collections.Frozen;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Workflows.Inspections.Visits;

/// <summary>
/// The checklists of a visit per licence kind (DOMAIN.md, Workflow B step 3): alkohollagen
/// 2010:1622 for serving and folköl, lag 2018:2088 for tobacco and e-cigarettes.
/// </summary>
public static class Checklists
{
    private static readonly LicenceKind[] Serving = [LicenceKind.AlcoholToPublic, LicenceKind.AlcoholToClosedCompanies, LicenceKind.Catering];

    public static IReadOnlyList<ChecklistItem> All { get; } =
    [
        .. Serving.SelectMany(ServingItems),
        Item("tobacco.age-limit", LicenceKind.Tobacco, "No sales to under-18s; age checked", AgencyKind.LicensingUnit),
        Item("tobacco.age-sign", LicenceKind.Tobacco, "Age-limit sign clearly visible at the till", AgencyKind.LicensingUnit),
        Item("tobacco.self-monitoring", LicenceKind.Tobacco, "Self-monitoring programme (egenkontrollprogram) in place and followed", AgencyKind.LicensingUnit),
        Item("tobacco.marketing", LicenceKind.Tobacco, "Marketing and display within the law", AgencyKind.LicensingUnit),
        Item("tobacco.labelling", LicenceKind.Tobacco, "Packages labelled and tax-marked; no illegal products", AgencyKind.LicensingUnit),
        Item("ecigarettes.age-limit", LicenceKind.ECigarettes, "No sales to under-18s; age checked", AgencyKind.LicensingUnit),
        Item("ecigarettes.age-sign", LicenceKind.ECigarettes, "Age-limit sign clearly visible at the till", AgencyKind.LicensingUnit),
        Item("ecigarettes.notified-products", LicenceKind.ECigarettes, "Only notified products, with Swedish labelling", AgencyKind.LicensingUnit),
        Item("ecigarettes.self-monitoring", LicenceKind.ECigarettes, "Self-monitoring programme in place and followed", AgencyKind.LicensingUnit),
        Item("folkol.age-limit", LicenceKind.Folkol, "No sales to under-18s or visibly intoxicated customers", AgencyKind.LicensingUnit),
        Item("folkol.food", LicenceKind.Folkol, "Food is sold alongside folköl, as the law requires", AgencyKind.LicensingUnit),
        Item("folkol.self-monitoring", LicenceKind.Folkol, "Self-monitoring programme in place and followed", AgencyKind.LicensingUnit),
    ];

    private static readonly FrozenDictionary<string, ChecklistItem> ByCode = All.ToFrozenDictionary(i => i.Code, StringComparer.Ordinal);

    public static bool TryFind(string? code, out ChecklistItem? item)
    {
        item = null;
        return code is not null && ByCode.TryGetValue(code, out item);
    }

    /// <summary>The items of a venue's licence kinds.</summary>
    public static IReadOnlyList<ChecklistItem> For(IEnumerable<LicenceKind> kinds)
    {
        var set = kinds.ToHashSet();
        return All.Where(i => set.Contains(i.LicenceKind)).ToList();
    }

    private static IEnumerable<ChecklistItem> ServingItems(LicenceKind kind)
    {
        var prefix = kind switch
        {
            LicenceKind.AlcoholToClosedCompanies => "closed-companies",
            LicenceKind.Catering => "catering",
            _ => "serving",
        };
        return
        [
            Item($"{prefix}.order-and-sobriety", kind, "Order and sobriety, the queue included", AgencyKind.Police),
            Item($"{prefix}.no-serving-under-18", kind, "No serving to under-18s", AgencyKind.Police),
            Item($"{prefix}.no-serving-intoxicated", kind, "No serving to visibly intoxicated guests", AgencyKind.Police),
            Item($"{prefix}.responsible-person-on-site", kind, "A registered responsible person on site", AgencyKind.LicensingUnit),
            Item($"{prefix}.cooked-food", kind, "Cooked food available", AgencyKind.LicensingUnit),
            Item($"{prefix}.serving-hours", kind, "Serving hours kept", AgencyKind.LicensingUnit),
            Item($"{prefix}.outdoor-area", kind, "Outdoor serving area marked off", AgencyKind.LicensingUnit),
            Item($"{prefix}.staff-register", kind, "Staff register (personalliggare) kept", AgencyKind.TaxAgency),
            Item($"{prefix}.cash-register", kind, "Certified cash register in use", AgencyKind.TaxAgency),
            Item($"{prefix}.legal-alcohol-only", kind, "Only legally bought alcohol", AgencyKind.LicensingUnit),
            Item($"{prefix}.marketing", kind, "Marketing of alcohol within the law", AgencyKind.LicensingUnit),
            Item($"{prefix}.fire-safety", kind, "Fire safety: exits, occupancy limit", AgencyKind.RescueService),
            Item($"{prefix}.drugs-not-tolerated", kind, "No drugs tolerated on the premises", AgencyKind.Police),
        ];
    }

    private static ChecklistItem Item(string code, LicenceKind kind, string text, AgencyKind checkedBy) => new(code, kind, text, checkedBy);
}
