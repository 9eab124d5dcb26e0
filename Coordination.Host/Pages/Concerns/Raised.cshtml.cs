using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The receipt after raising: the deadlines social services now work to, as the raise command
/// computed them (carried in the address, so the receipt can be reloaded or its language switched).
/// </summary>
public sealed class RaisedModel : PageModel
{
    public Guid Id { get; private set; }

    public DateTimeOffset? ProtectiveAssessmentDue { get; private set; }

    public DateTimeOffset? PreliminaryAssessmentDue { get; private set; }

    public IActionResult OnGet(Guid id, string? protectiveDue, string? preliminaryDue)
    {
        Id = id;
        ProtectiveAssessmentDue = Parse(protectiveDue);
        PreliminaryAssessmentDue = Parse(preliminaryDue);
        return Page();
    }

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) ? instant : null;
}
