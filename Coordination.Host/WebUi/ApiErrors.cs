using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.WebUi;

/// <summary>
/// Puts the field errors of an API validation problem on the page's form: <c>organisationNumber</c>
/// becomes <c>Input.OrganisationNumber</c>, <c>items[1].note</c> <c>Input.Items[1].Note</c>. The text
/// is the page's own under <c>Error.&lt;field&gt;</c> (indices left out) when it has one, else the API's.
/// </summary>
public static partial class ApiErrors
{
    public static void AddTo(ModelStateDictionary modelState, ApiOutcome outcome, IStringLocalizer text, string prefix = "Input", Func<string, string>? keyFor = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (field, messages) in outcome.Errors)
        {
            var key = keyFor?.Invoke(field) ?? FieldKey(prefix, field);
            var own = text["Error." + Index().Replace(field, "")];
            foreach (var message in own.ResourceNotFound ? messages : [own.Value])
            {
                if (modelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message))
                {
                    continue;
                }

                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary><c>items[1].note</c> under <c>Input</c> → <c>Input.Items[1].Note</c>.</summary>
    public static string FieldKey(string prefix, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var key = new StringBuilder(prefix);
        foreach (var part in field.Split('.'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (key.Length > 0)
            {
                key.Append('.');
            }

            key.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return key.ToString();
    }

    /// <summary>For a form that shows a list as one group of choices: <c>venueIds[2]</c> → <c>Input.VenueIds</c>.</summary>
    public static Func<string, string> Grouped(string prefix = "Input") => field => FieldKey(prefix, Index().Replace(field, ""));

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
