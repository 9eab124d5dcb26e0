using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The concern form. It raises through <see cref="RaiseConcern"/>, the same command as the API:
/// the same validation, the same workflow messages. Its errors are shown next to the fields,
/// in the page's language, with what was typed kept.
/// </summary>
public sealed class RaiseModel(RaiseConcern raise, AgencyDirectory directory, IStringLocalizer<SharedResource> text) : PageModel
{
    // The API's field names → this form's fields.
    private static readonly (string Prefix, string Field)[] Fields =
    [
        ("agencyId", "Input.AgencyId"),
        ("youngPerson.personalIdentityNumber", "Input.PersonalIdentityNumber"),
        ("youngPerson.name", "Input.Name"),
        ("youngPerson.birthDate", "Input.BirthDate"),
        ("youngPerson", "Input.PersonalIdentityNumber"),
        ("school", "Input.School"),
        ("categories", "Input.Categories"),
        ("urgency", "Input.Urgency"),
        ("description", "Input.Description"),
        ("guardianKnowledge", "Input.GuardianKnowledge"),
    ];

    [BindProperty]
    public RaiseConcernInput Input { get; set; } = new();

    /// <summary>
    /// The agencies the user may report from, as <see cref="RaiseConcern"/> decides (<see cref="ConcernAgencies.Reporting"/>:
    /// not the licensing unit, the rescue service or the tax agency); a choice is asked for only when there are several.
    /// </summary>
    public IReadOnlyList<AgencyName> ReporterAgencies { get; private set; } = [];

    public static IReadOnlyList<ConcernCategory> Categories { get; } = Enum.GetValues<ConcernCategory>();

    public static IReadOnlyList<ConcernUrgency> Urgencies { get; } = Enum.GetValues<ConcernUrgency>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            // A value that could not be read (a choice that is none of the options, a checkbox's
            // value other than "true") is shown at its field; nothing is raised with it left out.
            return Page();
        }

        var request = new RaiseConcernRequest(
            Input.AgencyId ?? (ReporterAgencies.Count == 1 ? ReporterAgencies[0].Id : null),
            new YoungPersonRequest(Input.PersonalIdentityNumber, Input.Name, Input.BirthDate, Input.ProtectedIdentity),
            Input.School,
            Input.Categories,
            Input.Urgency,
            Input.Description,
            Input.GuardianKnowledge);
        var answer = await raise.ExecuteAsync(request, User.Viewer(), cancellationToken);
        if (answer.Value is { } raised)
        {
            return RedirectToPage("/Concerns/Raised", new { id = raised.Id });
        }

        foreach (var field in answer.Refusal!.Errors?.Keys ?? [])
        {
            var (_, formField) = Fields.First(f => field.StartsWith(f.Prefix, StringComparison.Ordinal));
            if (!ModelState.TryGetValue(formField, out var entry) || entry.Errors.Count == 0)
            {
                ModelState.AddModelError(formField, text[$"Raise.Error.{formField["Input.".Length..]}"]);
            }
        }

        if (answer.Refusal.Kind != RefusalKind.Invalid)
        {
            ModelState.AddModelError(string.Empty, answer.Refusal.Detail);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var names = await directory.OwnAgenciesAsync(User.Viewer(), cancellationToken);
        ReporterAgencies = [.. ConcernAgencies.Reporting(User.Memberships())
            .Select(m => m.AgencyId)
            .Distinct()
            .Where(names.ContainsKey)
            .Select(id => names[id])
            .OrderBy(a => a.MunicipalityName, StringComparer.CurrentCulture)
            .ThenBy(a => a.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The form as typed.</summary>
    public sealed class RaiseConcernInput
    {
        public Guid? AgencyId { get; set; }

        public string? PersonalIdentityNumber { get; set; }

        public string? Name { get; set; }

        public string? BirthDate { get; set; }

        public bool ProtectedIdentity { get; set; }

        public string? School { get; set; }

        public List<string> Categories { get; set; } = [];

        public string? Urgency { get; set; } = nameof(ConcernUrgency.Normal);

        public string? Description { get; set; }

        public string? GuardianKnowledge { get; set; }
    }
}
