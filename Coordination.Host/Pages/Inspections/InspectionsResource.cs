namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The inspection pages' texts: <c>Resources/Pages/Inspections/InspectionsResource.resx</c> is
/// Swedish (the default), <c>InspectionsResource.en.resx</c> English.
/// </summary>
public sealed class InspectionsResource;
