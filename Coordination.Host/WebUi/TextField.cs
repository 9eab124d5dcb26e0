using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Coordination.Host.WebUi;

/// <summary>
/// One labelled input for the shared field partial (<c>Pages/Shared/_TextField.cshtml</c>): its
/// error is shown next to it and named by <c>aria-describedby</c>, with the typed value kept.
/// </summary>
public sealed record TextField(
    ModelStateDictionary ModelState, string Name, string Label, string? Value, string Type = "text", string? AutoComplete = null,
    string? Hint = null, bool Required = true, bool Multiline = false)
{
    public string Id => FieldIds.For(Name);

    public string HintId => Id + "-hint";

    public string ErrorId => Id + "-error";

    public IReadOnlyList<string> Errors =>
        ModelState.TryGetValue(Name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];

    /// <summary>What the user typed when the form came back with errors, else the model's value.</summary>
    public string? Shown => Type == "password" ? null : ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is { } typed ? typed : Value;

    public string? DescribedBy
    {
        get
        {
            var ids = new List<string>();
            if (Hint is not null)
            {
                ids.Add(HintId);
            }

            if (Errors.Count > 0)
            {
                ids.Add(ErrorId);
            }

            return ids.Count == 0 ? null : string.Join(' ', ids);
        }
    }
}
