using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// A checklist item's text in the page's language: by its code (<c>Checklist.tobacco.age-limit</c>),
/// or for the alcohol checklists, which share their items, by what follows the licence kind
/// (<c>Checklist.*.fire-safety</c>); the domain's own text when neither is translated.
/// </summary>
public static class Checklist
{
    public static string Text(IStringLocalizer text, string code, string fallback)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(code);
        var exact = text["Checklist." + code];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var shared = dot < 0 ? null : text["Checklist.*" + code[dot..]];
        return shared is { ResourceNotFound: false } ? shared.Value : fallback;
    }
}
