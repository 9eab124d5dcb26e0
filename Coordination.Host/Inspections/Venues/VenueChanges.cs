using System.Globalization;

namespace Coordination.Host.Inspections.Venues;

/// <summary>Says in words what changed in a venue, for its history.</summary>
internal static class VenueChanges
{
    /// <summary>How much of each value a description too long for a history line keeps.</summary>
    private const int ShortenedValue = 60;

    /// <summary>
    /// The changes in words; when they do not fit a history line (long lists of responsible
    /// persons), each value is shortened: the venue itself keeps the details in full.
    /// </summary>
    public static string Describe(VenueView before, VenueView after)
    {
        var full = Describe(before, after, int.MaxValue);
        return full.Length <= TextLimits.HistoryText ? full : Describe(before, after, ShortenedValue);
    }

    private static string Describe(VenueView before, VenueView after, int valueLength)
    {
        var changes = new List<string>();
        string Show(object? value) =>
            Convert.ToString(value, CultureInfo.InvariantCulture) is not { } text ? "" : text.Length > valueLength ? text[..valueLength] + "…" : text;
        void Compare(string field, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                changes.Add($"{field}: '{Show(a)}' → '{Show(b)}'");
            }
        }

        Compare("name", before.Name, after.Name);
        Compare("licensee", before.LicenseeName, after.LicenseeName);
        Compare("organisation number", before.OrganisationNumber, after.OrganisationNumber);
        Compare("address", before.Address, after.Address);
        Compare("postal town", before.PostalTown, after.PostalTown);
        Compare("licence kinds", string.Join(", ", before.LicenceKinds), string.Join(", ", after.LicenceKinds));
        Compare("serving from", before.ServingFrom, after.ServingFrom);
        Compare("serving until", before.ServingUntil, after.ServingUntil);
        Compare("responsible persons", string.Join(", ", before.ResponsiblePersons), string.Join(", ", after.ResponsiblePersons));
        Compare("dancing", before.HasDancing, after.HasDancing);
        Compare("young crowd", before.HasYoungCrowd, after.HasYoungCrowd);
        Compare("complaints", before.Complaints, after.Complaints);
        return changes.Count == 0 ? "" : "Changed " + string.Join("; ", changes) + ".";
    }
}
