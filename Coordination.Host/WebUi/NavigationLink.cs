namespace Coordination.Host.WebUi;

/// <summary>One link of the main navigation: the Razor page and the resource key of its text.</summary>
internal sealed record NavigationLink(string Page, string TextKey);
