using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Journal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Coordination.Host.Identity;

/// <summary>
/// ASP.NET Core Identity on the service's database: a cookie for the web UI, the built-in
/// bearer token for API clients (ADR 0007). Everything requires a signed-in user unless an
/// endpoint says otherwise.
/// </summary>
internal static class IdentityRegistration
{
    /// <summary>The default scheme <c>AddIdentityApiEndpoints</c> registers (internal in <see cref="IdentityConstants"/>).</summary>
    private const string BearerAndApplicationScheme = "Identity.BearerAndApplication";

    public static IServiceCollection AddCoordinationIdentity(this IServiceCollection services, string keysDirectory, bool production)
    {
        // Cookies and bearer tokens are protected with these keys: kept on disk, they survive
        // a restart; several instances must share the folder (docs/operations.md).
        services.AddDataProtection()
            .SetApplicationName("Coordination")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

        services.AddIdentityApiEndpoints<CoordinationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CoordinationDbContext>()
            .AddClaimsPrincipalFactory<MembershipClaimsPrincipalFactory>()
            .AddSignInManager<CoordinationSignInManager>();

        // The combined scheme sends every challenge to the bearer handler, so a signed-out
        // browser opening a page got a bare 401. Pages challenge with the cookie, which sends
        // the browser to the sign-in page and back; the API keeps its 401, and a refusal stays
        // a 403 everywhere.
        services.Configure<AuthenticationSchemeOptions>(BearerAndApplicationScheme, o =>
        {
            o.ForwardDefaultSelector = context => RequestKind.IsApi(context) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
            o.ForwardForbid = IdentityConstants.BearerScheme;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "coordination";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/Account/SignIn";
            o.SlidingExpiration = true;

            // API callers get status codes, not redirects to a sign-in page.
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);

            // Sign-ins and sign-outs of the web UI are audited here, whichever page made them;
            // the API's own sign-in endpoints record theirs, failures included.
            o.Events.OnSignedIn = context => Security.Audit.SessionAudit.SignedInAsync(context.HttpContext, context.Principal);
            o.Events.OnSigningOut = context => Security.Audit.SessionAudit.SigningOutAsync(context.HttpContext);

            // A membership change takes effect at the user's next request, not within 30 minutes.
            o.Events.OnValidatePrincipal = SecurityStampCheck.ValidateCookieAsync;
        });
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = SecurityStampCheck.ValidateBearerTokenAsync);

        // Messages an HTTP request sends name its user, for the workflow journal.
        services.AddHttpContextAccessor();
        services.AddScoped<IWorkflowCaller, SignedInWorkflowCaller>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<MembershipAdministration>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static Task ApiAwareRedirect(HttpContext context, string redirectUri, int apiStatus)
    {
        if (RequestKind.IsApi(context))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
