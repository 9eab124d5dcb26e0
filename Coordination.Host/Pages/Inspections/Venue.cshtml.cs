using System.Globalization;
using System.Text.Json;
using Coordination.Host.Inspections;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// Registers a venue or changes one. A change carries the version the officer read (the API's
/// ETag, sent as If-Match), so a change made meanwhile by someone else is never overwritten.
/// </summary>
public sealed class VenueModel(CoordinationDbContext db, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public VenueInput Input { get; set; } = new();

    /// <summary>The change was refused because someone else changed the venue first; the form shows their version.</summary>
    public bool Stale { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Saved = Request.Query.ContainsKey("saved");
        if (Id is { } id)
        {
            var venue = Read(await VenueEndpoints.GetAsync(id, HttpContext, db, ReadAudit));
            if (!venue.Succeeded)
            {
                return NotFound();
            }

            Input = VenueInput.From(venue.Body);
            MunicipalityId = venue.Body.Id("municipalityId");
        }

        await ChooseAsync(MunicipalityId, db);
        return IsLicensing ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!int.TryParse(Input.Complaints ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture, out var complaints))
        {
            ModelState.AddModelError("Input.Complaints", text["Error.complaints"]);
            complaints = 0;
        }

        var request = new VenueRequest(
            Id is null ? MunicipalityId : null,
            Input.Name,
            Input.LicenseeName,
            Input.OrganisationNumber,
            Input.Address,
            Input.PostalTown,
            Input.LicenceKinds,
            Input.ServingFrom,
            Input.ServingUntil,
            (Input.ResponsiblePersons ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Input.HasDancing,
            Input.HasYoungCrowd,
            complaints);
        if (!ModelState.IsValid)
        {
            // Nothing is saved, but the rest of the form is checked too, so every error shows at once.
            var errors = new ValidationErrors();
            VenueValidation.Validate(request, StockholmTime.Today(clock.GetUtcNow()), errors);
            if (errors.Any)
            {
                ApiErrors.AddTo(ModelState, Read(errors.Problem()), text, keyFor: ApiErrors.Grouped());
            }

            await ChooseAsync(MunicipalityId, db);
            return Page();
        }

        var outcome = Read(Id is { } id
            ? await VenueEndpoints.ChangeIfMatchAsync(id, request, Input.Version, User, db, clock)
            : await VenueEndpoints.RegisterAsync(request, User, db, clock));
        if (outcome.Succeeded)
        {
            return RedirectToPage("/Inspections/VenueHistory", new { id = outcome.Body.Id(), saved = true });
        }

        if (outcome.Status == StatusCodes.Status412PreconditionFailed && Id is { } changed)
        {
            // Show what is stored now: the officer makes the change again on that version.
            Stale = true;
            ModelState.Clear();
            Input = VenueInput.From(Read(await VenueEndpoints.GetAsync(changed, HttpContext, db, ReadAudit)).Body);
        }
        else if (outcome.NotFound)
        {
            return NotFound();
        }
        else
        {
            ApiErrors.AddTo(ModelState, outcome, text, keyFor: ApiErrors.Grouped());
        }

        await ChooseAsync(MunicipalityId, db);
        return Page();
    }

    /// <summary>The register form; responsible persons one per line.</summary>
    public sealed class VenueInput
    {
        public string? Name { get; set; }

        public string? LicenseeName { get; set; }

        public string? OrganisationNumber { get; set; }

        public string? Address { get; set; }

        public string? PostalTown { get; set; }

        public List<string> LicenceKinds { get; set; } = [];

        public string? ServingFrom { get; set; }

        public string? ServingUntil { get; set; }

        public string? ResponsiblePersons { get; set; }

        public bool HasDancing { get; set; }

        public bool HasYoungCrowd { get; set; }

        public string? Complaints { get; set; } = "0";

        /// <summary>The version read, sent back as If-Match.</summary>
        public int Version { get; set; }

        public static VenueInput From(JsonElement venue) => new()
        {
            Name = venue.Text("name"),
            LicenseeName = venue.Text("licenseeName"),
            OrganisationNumber = venue.Text("organisationNumber"),
            Address = venue.Text("address"),
            PostalTown = venue.Text("postalTown"),
            LicenceKinds = venue.Texts("licenceKinds").ToList(),
            ServingFrom = venue.Text("servingFrom"),
            ServingUntil = venue.Text("servingUntil"),
            ResponsiblePersons = string.Join('\n', venue.Texts("responsiblePersons")),
            HasDancing = venue.Flag("hasDancing"),
            HasYoungCrowd = venue.Flag("hasYoungCrowd"),
            Complaints = venue.Number("complaints").ToString(CultureInfo.InvariantCulture),
            Version = venue.Number("version"),
        };
    }
}
