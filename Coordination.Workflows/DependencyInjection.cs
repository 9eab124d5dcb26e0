using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Workflows;

/// <summary>Registers the domain, its workflows and their persistence.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Contexts the pool keeps between scopes. It caps what is kept, not what is used: a scope
    /// that finds the pool empty gets a new context, and one handed back to a full pool is
    /// disposed. At most as many contexts as Npgsql has connections (its default Max Pool Size is
    /// 100) can be in a transaction at once, so a few more than that covers the busiest moments
    /// (every consumed message and request has a scope), where EF Core's default of 1,024 would
    /// keep that many contexts for ever after a single burst.
    /// </summary>
    public const int ContextPoolSize = 128;

    public static IServiceCollection AddCoordinationWorkflows(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, string schedulerName = SchedulingRegistration.DefaultSchedulerName)
    {
        services.AddCoordinationDbContext<CoordinationDbContext>(provider, connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddCoordinationScheduling(provider, connectionString, schedulerName);
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TContext"/> as each scope's <see cref="CoordinationDbContext"/>,
    /// taken from a pool: initialising a new context for every consumed message took about 7 % of
    /// the process's CPU in a profiled peak pass (ADR 0014). A context goes back to the pool when
    /// its scope ends and EF Core resets it (tracked entities, an open transaction, the
    /// connection, savepoint and tracking settings); the context keeps no state of its own.
    /// Hosts whose context adds tables of its own (the tests', the bench's) register it here too,
    /// so that they run the runtime as the service does.
    /// </summary>
    public static IServiceCollection AddCoordinationDbContext<TContext>(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : CoordinationDbContext =>
        services.AddDbContextPool<CoordinationDbContext, TContext>(o => o.UseCoordinationDatabase(provider, connectionString), ContextPoolSize);
}
