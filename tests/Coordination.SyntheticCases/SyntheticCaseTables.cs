using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.SyntheticCases;

/// <summary>The two saga tables, which production migrations never create: mapped in a host's context and created on its database.</summary>
public static class SyntheticCaseTables
{
    public static void Map(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplyConfiguration(new CaseStateMap());
        builder.ApplyConfiguration(new TaskStateMap());
    }

    public static void Create(MigrationBuilder migration)
    {
        CaseStateMap.CreateTable(migration);
        TaskStateMap.CreateTable(migration);
    }
}
