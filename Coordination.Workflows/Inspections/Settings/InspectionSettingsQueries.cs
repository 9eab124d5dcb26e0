using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Inspections.Settings;

/// <summary>Reads a municipality's inspection settings, falling back to the defaults.</summary>
public static class InspectionSettingsQueries
{
    public static async Task<InspectionSettings> InspectionSettingsForAsync(this CoordinationDbContext db, Guid municipalityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<InspectionSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.MunicipalityId == municipalityId, cancellationToken)
            ?? InspectionSettings.DefaultsFor(municipalityId);
    }
}
