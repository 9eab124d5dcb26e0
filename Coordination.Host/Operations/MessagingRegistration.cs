using Coordination.Host.Concerns.Live;
using Coordination.Host.Configuration;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Runtime;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coordination.Host.Operations;

/// <summary>Wires MassTransit to the configured transport.</summary>
internal static class MessagingRegistration
{
    public const string HealthCheckName = "bus";

    public static IServiceCollection AddCoordinationMessaging(this IServiceCollection services, MessagingSettings settings)
    {
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();

            // Every endpoint gets retries, the inbox and the outbox; scoped publishing outside
            // consumers (HTTP endpoints) goes through the outbox too (ADR 0005).
            bus.AddCoordinationRuntime();
            bus.AddConsumer<HostProbeConsumer>();
            bus.AddInspectionWorkflows();
            bus.AddConcernWorkflows();
            bus.AddLiveTaskInbox();

            if (settings.RabbitMq is { } rabbit)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });

        // Readiness uses our stricter Health.BusHealthCheck under the name "bus"; MassTransit's
        // own check would report a lost broker as merely degraded next to it.
        services.PostConfigure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Factory.Method.DeclaringType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true || r.Name == "masstransit-bus").ToList())
            {
                o.Registrations.Remove(registration);
            }
        });
        return services;
    }
}
