using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coordination.Host.Health;

/// <summary>
/// The bus is ready only when every receive endpoint is connected. MassTransit's own check
/// calls a lost broker "degraded", which a load balancer treats as ready; a host that cannot
/// receive concerns must not be.
/// </summary>
internal sealed class BusHealthCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        if (health.Status == BusHealthStatus.Healthy)
        {
            return Task.FromResult(HealthCheckResult.Healthy(health.Description));
        }

        var down = health.Endpoints
            .Where(e => e.Value.Status != BusHealthStatus.Healthy)
            .Select(e => e.Key.ToString());
        return Task.FromResult(HealthCheckResult.Unhealthy(
            $"{health.Description} Endpoints not connected: {string.Join(", ", down)}", health.Exception));
    }
}
