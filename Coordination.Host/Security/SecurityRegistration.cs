using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Coordination.Workflows.Retention;
using Microsoft.AspNetCore.Routing;

namespace Coordination.Host.Security;

/// <summary>Hardening of the HTTP edge (docs/security.md): headers, HTTPS, limits, guards, client errors.</summary>
internal static class SecurityRegistration
{
    public static WebApplicationBuilder AddCoordinationSecurity(this WebApplicationBuilder builder)
    {
        var settings = SecuritySettings.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddCoordinationRetention(RetentionSettings.Read(builder.Configuration));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "coordination-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "RequestVerificationToken";
        });
        services.AddCoordinationRateLimits(settings);
        services.AddHostedService<IdempotentRequestCleanup>();
        services.AddExceptionHandler<ClientErrorHandler>();
        services.AddExceptionHandler<ConcurrentChangeHandler>();

        // Binding failures reach the exception handler (and become problem details naming the
        // field) in every environment, not only in Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new PlainTextJsonConverter());
        });
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        MaskingLoggerProvider.Decorate(services);
        return builder;
    }

    /// <summary>Before authentication: where the request came from, HTTPS, headers, size.</summary>
    public static WebApplication UseCoordinationEdge(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            // Production listens on loopback behind a TLS-terminating proxy (deploy/production).
            app.UseForwardedHeaders();
            app.UseHsts();
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        app.UseSecurityHeaders();
        app.UseRequestBodyLimit(app.Services.GetRequiredService<SecuritySettings>().MaxRequestBodyBytes);
        return app;
    }

    /// <summary>After authentication: the API guards and the rate limits, which partition by user.</summary>
    public static WebApplication UseCoordinationGuards(this WebApplication app)
    {
        app.UseApiGuards();
        app.UseRateLimiter();
        return app;
    }
}
