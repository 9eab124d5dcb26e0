using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Workflows;

/// <summary>Registers the domain, its workflows and their persistence.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddCoordinationWorkflows(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, string schedulerName = SchedulingRegistration.DefaultSchedulerName)
    {
        // The options are built once, not for every scope (every consumed message and request has one).
        services.AddDbContext<CoordinationDbContext>(o => o.UseCoordinationDatabase(provider, connectionString), optionsLifetime: ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddCoordinationScheduling(provider, connectionString, schedulerName);
        return services;
    }
}
