namespace Coordination.Host.WebUi;

/// <summary>
/// One link of the main navigation: the Razor page and the resource key of its text, and the
/// pages reached from it that mark it current too (the password page is part of the account).
/// </summary>
internal sealed record NavigationLink(string Page, string TextKey, IReadOnlyList<string>? Within = null)
{
    /// <summary>Whether the page being shown (its route value <c>page</c>) is this link's.</summary>
    public bool IsCurrent(string? page) =>
        string.Equals(page, Page, StringComparison.Ordinal) || (page is not null && (Within ?? []).Contains(page, StringComparer.Ordinal));
}
