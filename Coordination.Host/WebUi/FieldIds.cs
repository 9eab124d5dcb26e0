namespace Coordination.Host.WebUi;

/// <summary>
/// The HTML id of a form field from its model-state key, as the tag helpers write it
/// (<c>Input.YoungPerson.Name</c> → <c>Input_YoungPerson_Name</c>), so the error summary links to the field.
/// </summary>
public static class FieldIds
{
    public static string For(string key) =>
        string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_'));
}
