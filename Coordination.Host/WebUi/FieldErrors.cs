using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Coordination.Host.WebUi;

/// <summary>The errors of one form field a page draws itself (radio groups, checkbox groups), for <c>Pages/Shared/_FieldError</c>.</summary>
public sealed record FieldErrors(ModelStateDictionary ModelState, string Name)
{
    public string Id => FieldIds.For(Name);

    public string ErrorId => Id + "-error";

    public IReadOnlyList<string> Messages =>
        ModelState.TryGetValue(Name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];

    public bool Any => Messages.Count > 0;

    public string? DescribedBy => Any ? ErrorId : null;

    public string Css(string css) => Any ? css + " field-error" : css;
}
