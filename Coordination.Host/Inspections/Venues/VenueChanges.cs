namespace Coordination.Host.Inspections.Venues;

/// <summary>Says in words what changed in a venue, for its history.</summary>
internal static class VenueChanges
{
    public static string Describe(VenueView before, VenueView after)
    {
        var changes = new List<string>();
        void Compare(string field, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                changes.Add($"{field}: '{a}' → '{b}'");
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
