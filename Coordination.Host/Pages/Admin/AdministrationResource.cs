namespace Coordination.Host.Pages.Admin;

/// <summary>
/// The administration pages' texts: <c>Resources/Pages/Admin/AdministrationResource.resx</c> is
/// Swedish (the default), <c>AdministrationResource.en.resx</c> English.
/// </summary>
public sealed class AdministrationResource;
