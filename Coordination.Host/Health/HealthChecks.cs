using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coordination.Host.Health;

/// <summary>
/// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> reports the
/// database, the bus and the scheduler by name, so an operator sees which part is down.
/// </summary>
internal static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddCoordinationHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<BusHealthCheck>(Operations.MessagingRegistration.HealthCheckName, tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapCoordinationHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
