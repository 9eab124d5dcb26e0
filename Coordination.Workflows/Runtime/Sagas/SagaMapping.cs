using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>What every saga map must say, and the repository's check that it did.</summary>
public static class SagaMapping
{
    /// <summary>
    /// Maps the columns the repository relies on: <c>CorrelationId</c> as the key (never generated)
    /// and <c>Version</c> as the concurrency token. Call it from the saga's <c>XStateMap</c>.
    /// </summary>
    public static EntityTypeBuilder<TSaga> MapSagaInstance<TSaga>(this EntityTypeBuilder<TSaga> builder)
        where TSaga : class, SagaStateMachineInstance, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.CorrelationId).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        return builder;
    }

    /// <summary>Fails the first message of a saga whose mapping would lose updates or has no table.</summary>
    internal static void EnsureMapped<TSaga>(DbContext db)
        where TSaga : class, ISagaVersion
    {
        if (Checked<TSaga>.Done)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(TSaga)) ?? throw new InvalidOperationException(
            $"Saga {typeof(TSaga).Name} has no mapping: add a {typeof(TSaga).Name}Map : IEntityTypeConfiguration<{typeof(TSaga).Name}> that calls MapSagaInstance().");
        if (entity.FindProperty(nameof(ISagaVersion.Version)) is not { IsConcurrencyToken: true })
        {
            throw new InvalidOperationException(
                $"Saga {typeof(TSaga).Name} must map Version as a concurrency token (MapSagaInstance() does), or concurrent messages lose updates.");
        }

        Checked<TSaga>.Done = true;
    }

    private static class Checked<TSaga>
    {
        public static volatile bool Done;
    }
}
