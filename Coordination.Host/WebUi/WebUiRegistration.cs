using System.Globalization;
using Coordination.Host.Concerns.Live;
using Coordination.Host.Security;
using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.WebUi;

/// <summary>
/// The server-rendered web UI (Razor Pages, Pages/&lt;feature&gt;): Swedish by default with an
/// English switch kept in a cookie, page folders guarded by <see cref="UiAccess"/>, the live
/// task inbox hub, and static files served by the host itself (no CDN, no inline script).
/// </summary>
internal static class WebUiRegistration
{
    public static readonly CultureInfo Swedish = new("sv-SE");
    public static readonly CultureInfo English = new("en-GB");

    /// <summary>The licensing unit's inspection settings; they were an administration page before, whose address still leads here.</summary>
    public const string InspectionSettingsPage = "/Inspections/Settings";

    public static IServiceCollection AddCoordinationWebUi(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Concerns", UiAccess.RaisesConcerns);
                o.Conventions.AuthorizeFolder("/Tasks", UiAccess.WorksOnTasks);
                o.Conventions.AuthorizeFolder("/Dashboard", UiAccess.Manages);

                // The inspection settings are the licensing unit's, its administrators included,
                // who otherwise take no part in inspections: that one page has its own policy.
                o.Conventions.AddFolderApplicationModelConvention("/Inspections", page => page.EndpointMetadata.Add(
                    new AuthorizeAttribute(page.ViewEnginePath == InspectionSettingsPage ? UiAccess.ReadsInspectionSettings : UiAccess.Inspects)));
                o.Conventions.AuthorizeFolder("/Admin", UiAccess.Administers);
                o.Conventions.AuthorizeFolder("/Operations", UiAccess.Administers);
                o.Conventions.AuthorizeFolder("/Audit", UiAccess.Audits);
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/SignInCode");
                o.Conventions.AllowAnonymousToPage("/Account/SetPassword");
                o.Conventions.AllowAnonymousToPage("/Account/Language");
                o.Conventions.AllowAnonymousToPage("/Status");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // A posted value that cannot be read (a letter in a number, "garbage" for a choice) or text
        // with control characters is an error at its field, in the page's language; every handler
        // that takes input checks ModelState before it acts.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var text = factory.Create(typeof(SharedResource));
            string Unreadable() => text["Form.Error.Unreadable"];
            o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((_, _) => Unreadable());
            o.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Unreadable());
            o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(_ => Unreadable());
            o.ModelBindingMessageProvider.SetNonPropertyValueMustBeANumberAccessor(Unreadable);
            o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => Unreadable());
            o.ModelBinderProviders.Insert(0, new PlainTextModelBinder.Provider(() => text["Form.Error.ControlCharacters"]));
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(UiAccess.RaisesConcerns, p => p.RequireAssertion(c => UiAccess.CanRaiseConcerns(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.WorksOnTasks, p => p.RequireAssertion(c => UiAccess.CanWorkOnTasks(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.Manages, p => p.RequireAssertion(c => UiAccess.CanManage(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.Inspects, p => p.RequireAssertion(c => UiAccess.CanInspect(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.ReadsInspectionSettings, p => p.RequireAssertion(c => UiAccess.CanReadInspectionSettings(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.Administers, p => p.RequireAssertion(c => UiAccess.CanAdminister(MembershipClaim.From(c.User))))
            .AddPolicy(UiAccess.Audits, p => p.RequireAssertion(c => UiAccess.CanAudit(MembershipClaim.From(c.User))));

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Swedish);
            o.SupportedCultures = [Swedish, English];
            o.SupportedUICultures = [Swedish, English];

            // Swedish unless the user chose otherwise: the browser's language is not asked.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "coordination.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSignalR();
        services.AddSingleton<LiveConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveConnections>());
        return services;
    }

    /// <summary>Static files and languages before sign-in is checked; the pages and the hub after.</summary>
    public static WebApplication UseCoordinationWebUiAssets(this WebApplication app)
    {
        app.ReleaseWebRootWatchersOnStop();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapCoordinationWebUi(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/Admin/InspectionSettings", (HttpRequest request) => TypedResults.LocalRedirect("~" + InspectionSettingsPage + request.QueryString))
            .ExcludeFromDescription();
        app.MapHub<TaskInboxHub>(TaskInboxHub.Path);
        return app;
    }
}
