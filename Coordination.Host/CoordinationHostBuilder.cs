using Coordination.Host.Concerns;
using Coordination.Host.Configuration;
using Coordination.Host.Health;
using Coordination.Host.Identity;
using Coordination.Host.Inspections;
using Coordination.Host.Operations;
using Coordination.Host.Persistence;
using Coordination.Host.WebUi;
using Coordination.Host.Security;
using Coordination.Host.Security.Audit;
using Coordination.Workflows;
using Coordination.Workflows.Runtime;

namespace Coordination.Host;

/// <summary>Everything the process wires, read from validated settings.</summary>
internal static class CoordinationHostBuilder
{
    /// <summary>Registers the service; throws <see cref="InvalidSettingException"/> for a bad setting.</summary>
    public static WebApplicationBuilder AddCoordinationHost(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        var messaging = MessagingSettings.Read(builder.Configuration);
        if (database.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
        }

        var services = builder.Services;
        services.AddSingleton(database);
        services.AddSingleton(messaging);
        services.AddHostedService<DatabaseInitializer>();
        services.AddCoordinationWorkflows(database.Provider, database.ConnectionString, SchedulerName(builder.Configuration));
        services.AddCoordinationRuntime(o => builder.Configuration.GetSection(RuntimeOptions.Section).Bind(o));
        services.AddCoordinationMessaging(messaging);
        services.AddCoordinationIdentity(KeysDirectory(builder, database), builder.Environment.IsProduction());
        services.AddScoped<DemoDataSeeder>();
        services.AddCoordinationHealthChecks();
        services.AddProblemDetails();
        services.AddConcernQueriesAndCommands();
        services.AddInspections();
        services.AddScoped<Coordination.Host.FollowUp.FollowUpReportQuery>();
        services.AddCoordinationWebUi();
        builder.AddCoordinationSecurity();
        services.AddHostedService<StartupBanner>();
        services.AddHostedService<Concerns.LegalDeadlineResumption>();
        return builder;
    }

    // Every instance of one deployment must use the same name: Quartz stores jobs under it.
    private static string SchedulerName(ConfigurationManager configuration)
    {
        var name = configuration["Scheduling:SchedulerName"];
        if (string.IsNullOrEmpty(name))
        {
            return Coordination.Workflows.Runtime.Scheduling.SchedulingRegistration.DefaultSchedulerName;
        }

        return name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? name
            : throw new InvalidSettingException("Scheduling:SchedulerName", $"'{name}' must be up to 100 letters, digits, '-' or '_'.");
    }

    private static string KeysDirectory(WebApplicationBuilder builder, DatabaseSettings database) =>
        builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(database.DataDirectory ?? Path.Combine(builder.Environment.ContentRootPath, "data"), "keys");

    public static WebApplication UseCoordinationHost(this WebApplication app)
    {
        app.UseCoordinationStatusPages();
        app.UseCoordinationEdge();
        app.UseCoordinationWebUiAssets();

        // Routing here, after the status pages, so that a status page's re-executed request is
        // routed to /Status/{code} (with routing first, as by default, it would find no endpoint).
        app.UseRouting();
        app.UseAuthentication();
        app.UseCoordinationGuards();
        app.UseAuthorization();
        app.UseMiddleware<IdempotentRequests>();
        app.MapCoordinationHealthChecks();
        app.MapAuthEndpoints();
        app.MapUserAdministration();
        app.MapInspectionEndpoints();
        app.MapConcernsApi();
        app.MapOperationsEndpoints();
        app.MapCoordinationWebUi();
        app.MapAuditEndpoints();
        return app;
    }
}
