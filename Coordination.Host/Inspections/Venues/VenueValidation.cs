using System.Globalization;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Venues;

namespace Coordination.Host.Inspections.Venues;

/// <summary>Checks a venue request field by field and applies it to a venue only when all is well.</summary>
internal static class VenueValidation
{
    /// <summary>More complaints than any venue gets; far below where the risk score's points could overflow.</summary>
    public const int MaxComplaints = 10_000;

    public static Action<Venue>? Validate(VenueRequest request, DateOnly today, ValidationErrors errors)
    {
        var name = errors.Required("name", request.Name);
        var licensee = errors.Required("licenseeName", request.LicenseeName);
        var address = errors.Required("address", request.Address);
        var town = errors.Required("postalTown", request.PostalTown);
        errors.MaxLength("name", name, TextLimits.VenueName);
        errors.MaxLength("licenseeName", licensee, TextLimits.LicenseeName);
        errors.MaxLength("address", address, TextLimits.Address);
        errors.MaxLength("postalTown", town, TextLimits.PostalTown);
        string? number = null;
        if (!OrganisationNumber.TryParse(request.OrganisationNumber, today, out var parsed, out var numberError))
        {
            errors.Add("organisationNumber", numberError);
        }
        else
        {
            number = parsed.ToString();
        }

        var kinds = new List<LicenceKind>();
        if (request.LicenceKinds is not { Count: > 0 })
        {
            errors.Add("licenceKinds", "At least one licence kind is required.");
        }
        else
        {
            for (var i = 0; i < request.LicenceKinds.Count; i++)
            {
                if (errors.Enum<LicenceKind>($"licenceKinds[{i}]", request.LicenceKinds[i]) is { } kind && !kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
        }

        var from = errors.Time("servingFrom", request.ServingFrom, required: false);
        var until = errors.Time("servingUntil", request.ServingUntil, required: false);
        if ((from is null) != (until is null) && string.IsNullOrWhiteSpace(from is null ? request.ServingFrom : request.ServingUntil))
        {
            errors.Add(from is null ? "servingFrom" : "servingUntil", "Serving hours need both a start and an end.");
        }

        if (request.Complaints < 0)
        {
            errors.Add("complaints", "The number of complaints cannot be negative.");
        }
        else if (request.Complaints > MaxComplaints)
        {
            errors.Add("complaints", string.Create(CultureInfo.InvariantCulture, $"At most {MaxComplaints} complaints."));
        }

        var persons = (request.ResponsiblePersons ?? []).Select(p => p?.Trim()).ToList();
        for (var i = 0; i < persons.Count; i++)
        {
            if (string.IsNullOrEmpty(persons[i]) || persons[i]!.Contains('\n', StringComparison.Ordinal))
            {
                errors.Add($"responsiblePersons[{i}]", "A responsible person is a name on one line.");
            }
            else
            {
                errors.MaxLength($"responsiblePersons[{i}]", persons[i], TextLimits.PersonName);
            }
        }

        // Stored one a line in one column.
        errors.MaxLength("responsiblePersons", string.Join('\n', persons), TextLimits.NameList);

        if (errors.Any)
        {
            return null;
        }

        return venue =>
        {
            venue.Name = name!;
            venue.LicenseeName = licensee!;
            venue.OrganisationNumber = number!;
            venue.Address = address!;
            venue.PostalTown = town!;
            venue.LicenceKinds.Clear();
            venue.LicenceKinds.AddRange(kinds);
            venue.ServingFrom = from;
            venue.ServingUntil = until;
            venue.ResponsiblePersons.Clear();
            venue.ResponsiblePersons.AddRange(persons.Select(p => p!));
            venue.HasDancing = request.HasDancing;
            venue.HasYoungCrowd = request.HasYoungCrowd;
            venue.Complaints = request.Complaints;
        };
    }
}
